#!/usr/bin/env python3
"""Writes N synthetic earnings-call transcripts (Markdown with front matter, ~40 KB each) for the search benchmark.

The text is drawn from the reference call (Content/calx-q3-2012.txt): sentences come from a word-bigram model of
it, with amounts, percentages, quarters, company and product names mixed in so the vocabulary grows with the archive
as a real one does. Companies hold about 20 calls each (consecutive fiscal quarters from 2008), keep three
executives, and are covered by analysts from a shared pool. Deterministic for a given N and seed.

This is a small, self-contained stand-in for the official benchmark corpus generator.

Usage: scripts/gen-search-corpus.py N OUTPUT_DIR [--seed S] [--kb 40]
"""

import argparse
import random
import re
from collections import defaultdict
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
FIRST = ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William",
         "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Daniel", "Nancy",
         "Matthew", "Lisa", "Anthony", "Betty", "Mark", "Sandra", "Steven", "Ashley", "Paul", "Emily", "Andrew", "Donna",
         "Joshua", "Michelle", "Kenneth", "Carol", "Kevin", "Amanda", "Brian", "Melissa", "George", "Deborah", "Amit",
         "Priya", "Wei", "Mei", "Sanjiv", "Chen", "Hiroshi", "Yuki", "Lars", "Ingrid", "Pierre", "Chloé", "José", "Zoë"]
LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez",
        "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez",
        "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen",
        "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall",
        "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Patel", "Shah", "Wang", "Zhang", "Tanaka", "Müller",
        "Johansson", "Dubois", "O'Brien", "McKechnie"]
FIRMS = ["Goldman Sachs", "Morgan Stanley", "UBS", "Jefferies & Company", "Raymond James", "Stifel Nicolaus",
         "Evercore Partners", "Barclays", "Credit Suisse", "Deutsche Bank", "JPMorgan", "Citigroup", "Wells Fargo",
         "Cowen and Company", "Needham & Company", "Piper Jaffray", "Oppenheimer", "William Blair", "KeyBanc", "RBC"]
SYLLABLES = ["ca", "lix", "ver", "ton", "ar", "gen", "tel", "sys", "nova", "cor", "dyn", "lum", "mer", "zen", "tra",
             "quin", "vor", "bel", "ex", "ion", "ra", "pho", "syn", "tek", "mar", "ol", "vi", "sta", "fal", "ro"]
SUFFIXES = ["Inc.", "Corp.", "Systems", "Networks", "Holdings", "Technologies", "Group", "Ltd"]
TITLES = ["President & CEO", "EVP & CFO", "Director of Investor Relations"]


def reference_sentences() -> list[list[str]]:
    """The reference call's prose as sentences of words (headers, participant lists and footers left out)."""
    text = (REPOSITORY / "Content" / "calx-q3-2012.txt").read_text(encoding="utf-8")
    body = text.split("PRESENTATION", 1)[-1].split("DISCLAIMER", 1)[0]
    lines = [line for line in body.splitlines()
             if len(line) > 80 and "STREETEVENTS" not in line and "Thomson Reuters" not in line]
    sentences = []
    for line in lines:
        for sentence in re.split(r"(?<=[.?!])\s+", line.replace("\\$", "$")):
            words = re.findall(r"[A-Za-z][A-Za-z'’-]*|\d[\d.,]*%?", sentence)
            if len(words) >= 4:
                sentences.append(words)
    return sentences


class Prose:
    """A word-bigram model of the reference call that writes new sentences."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.next = defaultdict(list)
        self.starts = []
        for words in reference_sentences():
            self.starts.append(words[0])
            for a, b in zip(words, words[1:]):
                self.next[a].append(b)
            self.next[words[-1]].append(".")

    def sentence(self, extra: list[str]) -> str:
        rng = self.rng
        word = rng.choice(self.starts)
        words = [word]
        while len(words) < 40:
            choices = self.next.get(word)
            if not choices:
                break
            word = rng.choice(choices)
            if word == "." and len(words) >= 6:
                break
            if word == ".":
                word = rng.choice(self.starts)
            words.append(word)
            if rng.random() < 0.04:
                words.append(rng.choice(extra))
        words[0] = words[0][:1].upper() + words[0][1:]
        return " ".join(words) + "."


def amount(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.4:
        return f"${rng.randint(1, 999)}.{rng.randint(0, 9)} million"
    if kind < 0.7:
        return f"{rng.randint(1, 99)}.{rng.randint(0, 9)}%"
    if kind < 0.85:
        return f"${rng.randint(0, 4)}.{rng.randint(0, 99):02d} per share"
    return f"{rng.randint(1, 500)},{rng.randint(0, 999):03d} units"


def name(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("output", type=Path)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--kb", type=int, default=40, help="approximate size of one transcript in KB")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    prose = Prose(rng)
    content = args.output / "Content"
    content.mkdir(parents=True, exist_ok=True)

    company_count = max(1, args.count // 20)
    tickers, companies = set(), []
    while len(companies) < company_count:
        ticker = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(rng.choice([3, 4])))
        if ticker in tickers:
            continue
        tickers.add(ticker)
        title = f"{name(rng, 2)} {rng.choice(SUFFIXES)}"
        executives = [(f"{rng.choice(FIRST)} {rng.choice(LAST)}", role) for role in TITLES]
        products = [name(rng, 3) for _ in range(4)]
        companies.append((ticker, title, executives, products))
    analysts = [(f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(FIRMS)) for _ in range(max(8, args.count // 10))]

    written = 0
    for number in range(args.count):
        ticker, company, executives, products = companies[number % company_count]
        sequence = number // company_count
        year, quarter = 2008 + sequence // 4, sequence % 4 + 1
        month = quarter * 3 + 1
        date = f"{year + (month > 12):04d}-{(month - 1) % 12 + 1:02d}-{rng.randint(10, 28):02d}T21:00:00Z"
        covering = rng.sample(analysts, 6)
        extra = [company.split()[0], ticker, *products, f"Q{quarter}", str(year)]

        def paragraph() -> str:
            sentences = [prose.sentence(extra) for _ in range(rng.randint(1, 5))]
            if rng.random() < 0.5:
                sentences.insert(rng.randrange(len(sentences) + 1), f"That was {amount(rng)} in the quarter.")
            return " ".join(sentences)

        lines = ["---", f"company: \"{company}\"", f"ticker: {ticker}",
                 f"title: \"{ticker} - Q{quarter} {year} {company} Earnings Conference Call\"", "kind: earnings-call",
                 "fiscalPeriod:", f"  year: {year}", f"  quarter: {quarter}", f"date: {date}", "timeZone: GMT",
                 "layout: markdown", "participants:"]
        for person, title in executives:
            lines += [f"- name: \"{person}\"", f"  affiliation: \"{company}\"", f"  title: \"{title}\"", "  group: corporate"]
        for person, firm in covering:
            lines += [f"- name: \"{person}\"", f"  affiliation: \"{firm}\"", "  title: Analyst", "  group: analyst"]
        lines += ["- name: Operator", "  group: operator", "---", "", "## Presentation", "", "### Operator", "",
                  f"Welcome to the {company} Q{quarter} {year} earnings call.", ""]
        body = []
        for person, _ in executives:
            body += [f"### {person}", ""]
            for _ in range(rng.randint(3, 8)):
                body += [paragraph(), ""]
        body += ["## Questions and Answers", ""]
        size = sum(len(line) + 1 for line in lines + body)
        while size < args.kb * 1024:
            person, firm = rng.choice(covering)
            turn = ["### Operator", "", f"Our next question comes from {person} of {firm}.", "", f"### {person}", ""]
            turn += [paragraph() + " What do you see there?", ""]
            for _ in range(rng.randint(1, 2)):
                answerer = rng.choice(executives)[0]
                turn += [f"### {answerer}", ""]
                for _ in range(rng.randint(1, 4)):
                    turn += [paragraph(), ""]
            body += turn
            size += sum(len(line) + 1 for line in turn)
        path = content / f"{ticker.lower()}-{year}-q{quarter}.md"
        path.write_text("\n".join(lines + body), encoding="utf-8")
        written += size
    print(f"wrote {args.count} transcripts ({written / 1024 / 1024:.1f} MB) of {company_count} companies to {content}")


if __name__ == "__main__":
    main()
