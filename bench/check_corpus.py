#!/usr/bin/env python3
"""Checks a generated corpus against sitegen's parsers.

    bench/check_corpus.py SITEGEN CORPUS_DIR [--limit K]

CORPUS_DIR is what bench/generate_corpus.py wrote (Content/, hugo/content/). Every raw transcript (or the first K)
is parsed with `SITEGEN parse --format json`; the check fails if any file has a warning, or if its participants,
sections, turn speakers or paragraph texts differ from the Hugo copy of the same call (which is written from the
generator's model, not from the raw text). So page furniture, page-break re-joining, `\\$` escapes and hard wraps
all come back as the text the generator meant.
"""

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def hugo_model(path):
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    participants = []
    for line in front.splitlines():
        if line.startswith("  - {name: "):
            entry = json.loads("{" + re.sub(r"(\w+): ", r'"\1": ', line.strip()[3:-1]).replace('"group": corporate', '"group": "corporate"').replace('"group": analyst', '"group": "analyst"') + "}")
            participants.append((entry["name"], entry["affiliation"], entry["title"], entry["group"]))
    sections = []
    for line in body.splitlines():
        if line.startswith("## "):
            sections.append((line[3:], []))
        elif line.startswith("### "):
            sections[-1][1].append((UNESCAPE.sub(r"\1", line[4:]), []))
        elif line:
            sections[-1][1][-1][1].append(UNESCAPE.sub(r"\1", line))
    return participants, sections


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("sitegen")
    parser.add_argument("corpus")
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    corpus = Path(args.corpus)
    files = sorted((corpus / "Content").rglob("*.txt"))[: args.limit]
    problems = 0
    for start in range(0, len(files), 100):
        batch = files[start:start + 100]
        result = subprocess.run([args.sitegen, "parse", "--format", "json", *map(str, batch)],
                                capture_output=True, text=True)
        if result.stderr.strip():
            print(result.stderr.strip(), file=sys.stderr)
            problems += result.stderr.count("\n") + 1
        parsed = json.loads(result.stdout)
        if isinstance(parsed, dict):
            parsed = [parsed]
        for path, model in zip(batch, parsed):
            ticker, q, year = path.stem.split("-")
            hugo = corpus / "hugo" / "content" / "calls" / ticker / f"{year}-{q}.md"
            participants, sections = hugo_model(hugo)
            got_participants = [(p["name"], p["affiliation"], p["title"], p["group"]) for p in model["participants"]
                                if p["group"] != "operator"]
            got_sections = [({"presentation": "Presentation", "questions-and-answers": "Questions and Answers"}
                             [s["kind"]], [(t["speaker"], t["paragraphs"]) for t in s["turns"]])
                            for s in model["sections"]]
            if model["warnings"]:
                problems += 1
                print(f"{path}: {len(model['warnings'])} warnings", file=sys.stderr)
            if got_participants != participants:
                problems += 1
                print(f"{path}: participants differ:\n  parsed {got_participants}\n  model  {participants}", file=sys.stderr)
            if got_sections != sections:
                problems += 1
                for (name_a, turns_a), (name_b, turns_b) in zip(got_sections, sections):
                    for a, b in zip(turns_a, turns_b):
                        if a != b:
                            print(f"{path}: first differing turn in {name_a}:\n  parsed {a}\n  model  {b}",
                                  file=sys.stderr)
                            break
                if len(got_sections) != len(sections) or any(len(a[1]) != len(b[1]) for a, b in zip(got_sections, sections)):
                    print(f"{path}: turn counts differ", file=sys.stderr)
    print(f"check_corpus: {len(files)} files, {problems} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
