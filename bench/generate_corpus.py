#!/usr/bin/env python3
"""Deterministic benchmark corpus for sitegen (issue 6, part 1).

    bench/generate_corpus.py N OUT_DIR [--seed S] [--hugo DIR] [--floor FILE] [--config FILE]

Writes N earnings-call transcripts as raw StreetEvents text under OUT_DIR (one folder per company), and the same
calls as Hugo content, a floor file and a sitegen.yml beside it:

    OUT_DIR/<ticker>/<ticker>-q<n>-<yyyy>.txt   raw transcripts: ~80% StreetEvents PDF text (the sample's layout,
                                                with page furniture and `\\$` escapes), ~20% "Event Transcript" text
    OUT_DIR/../hugo/content/calls/<ticker>/<yyyy>-q<n>.md
                                                Hugo Markdown: front matter (title, date, company, ticker, quarter,
                                                participants, taxonomies companies/quarters/speakers), then
                                                `## Presentation` / `### Speaker` / paragraphs, escaped the way sitegen
                                                escapes transcript text before cmark-gfm
    OUT_DIR/../floor.md                         every Hugo body (no front matter) concatenated: the cmark-gfm floor input
    OUT_DIR/../sitegen.yml                      site config with the company table (name, ticker, aliases, sector)
    OUT_DIR/../manifest.json                    counts and byte totals

The same N and seed give the same bytes (Python's `random.Random` seeded with strings; no hash-ordered iteration).
The world: ~N/25 companies, 40 fiscal quarters (Q1 2012 ... Q4 2021) with calls 3-6 weeks after quarter end; each
company reports a run of consecutive quarters; executives succeed one another and change titles (promotions, an
interim CFO confirmed, a CFO who becomes CEO); ~2 analysts per company, each covering several companies and moving
between banks; operator turns, Q&A exchanges, and event mentions in natural sentences (bank-hosted investor
conferences with city and date, the company's user-group meeting, keynotes at trade shows, analyst days).
Prose comes from the reference transcript Content/calx-q3-2012.txt only: its sentences (names, figures and the company
replaced) and an order-2 word Markov chain over them. Sizes: 30-80 KB per raw file, ~40 KB mean.
"""

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REFERENCE = REPO / "Content" / "calx-q3-2012.txt"

QUARTERS = [(year, quarter) for year in range(2012, 2022) for quarter in range(1, 5)]  # 40 fiscal quarters
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]

# ---------------------------------------------------------------------------------------------------------------
# Vocabulary for the world (people, companies, banks, places, events). Invented names; banks and cities are the
# ones sitegen's event extractor knows (Sources/EventKit/Organisers.swift, Places.swift).

FIRST_NAMES = """Aaron Adam Adrian Alan Albert Alice Amanda Amy Andrea Angela Anita Anthony Arjun Arthur Barbara Benjamin
Beth Blake Brandon Brenda Brian Bruce Caleb Carla Carlos Caroline Catherine Charles Cheryl Christine Claire Colin Craig
Cynthia Dana Daniel Darren Deborah Denise Derek Diana Dominic Donna Dylan Edgar Eileen Elena Elliot Emily Eric Erin
Ethan Evan Felix Fiona Frank Gabriel Gareth Gary Gavin Gloria Gordon Grace Grant Hannah Harold Harvey Heather Helen
Henry Hugo Ian Irene Isaac Ivan Jacob Janet Jared Jason Jeffrey Jenna Jerome Jessica Joan Joel Jordan Joseph Joyce
Julia Julian Justin Karen Karl Kathleen Keith Kelly Kenneth Kevin Kyle Laura Lauren Leah Leon Linda Lisa Lucas Lydia
Malcolm Marcus Margaret Maria Marina Martin Maya Megan Melissa Michelle Miguel Miriam Monica Nathan Neil Nicole Nina
Noah Norman Olivia Omar Oscar Owen Pamela Paul Peter Philip Priya Rachel Rajesh Ramon Rebecca Regina Robert Roger
Rosa Ruth Ryan Sandra Sara Scott Sean Sharon Sheila Simone Sofia Spencer Stanley Stuart Susan Tara Teresa Theodore
Tina Todd Trevor Tyler Valerie Vanessa Victor Vikram Vincent Wade Warren Wendy Yusuf Zoe""".split()

LAST_NAMES = """Abbott Acosta Adler Albright Alvarez Ambrose Andersen Archer Arnett Ashford Atwood Bader Bailey Baldwin
Banerjee Barlow Barrett Bauer Beckett Bell Benson Bergman Bishop Blackwell Blair Bloom Bolton Bowen Bradford Brennan
Brooks Bryant Buchanan Burke Calder Callahan Campbell Cardenas Carver Castillo Chandler Chen Chopra Clayton Coleman
Collier Conrad Conway Crane Crawford Cross Dalton Daniels Davenport Delgado Dempsey Desai Donovan Doyle Drake Duffy
Dunbar Eastman Ellison Emerson Espinoza Everett Farrell Fenwick Ferreira Fielding Fischer Fitzgerald Fleming Fletcher
Ford Fowler Franklin Fraser Fuller Gallagher Garner Gentry Gibson Gill Goodwin Gorman Graves Griffith Grover Gupta
Hale Halloran Hamilton Hammond Hanson Harding Harmon Hartley Hawkins Hayes Hendricks Hewitt Hoffman Holden Holloway
Hopkins Horton Howell Hudson Hughes Hunter Ingram Irving Iyer Jacobs Jarvis Jennings Kaplan Keane Keller Kendrick
Kessler Kimura Kirby Klein Knowles Koenig Kowalski Lambert Landry Larsen Lawson Leblanc Lindqvist Lockhart Lowell
Lucero MacLeod Maddox Malone Mancini Marsh Matsuda Maxwell McAllister McCarthy McKenna Mehta Mercer Merritt Molina
Montague Moreau Morrow Mueller Murphy Nakamura Nash Navarro Newell Nolan Norris Oakley Ochoa Oliveira Osborne
Pacheco Palmer Park Parrish Patel Pearce Pennington Perkins Pham Porter Pratt Prescott Quinlan Ramsey Randall Rao
Reddy Reyes Rhodes Richter Rios Rivers Rowland Russell Salazar Sandoval Santos Sawyer Schaefer Schultz Sexton Shah
Shapiro Sheridan Sinclair Singh Sloane Snyder Soto Spencer Stafford Stein Stewart Strickland Sullivan Sutton Tanaka
Thornton Tillman Townsend Tucker Turner Underwood Vance Vargas Vaughn Vogel Wagner Walsh Warner Watkins Weaver Webb
Weller Whitaker Whitfield Wilder Winslow Wolfe Woodward Wright Yamamoto Yates Young Zeller Zimmerman""".split()

INITIALS = list("ABCDEFGHJKLMNPRSTW")

STEMS = """Alta Arc Aster Aur Bel Bright Cal Cor Crest Cyra Dyna Ever Evo Flux Gran Heli Hori Inno Jun Kin Lumi Mar
Meri Nova Omni Opti Pax Pinn Quan Radi Sol Stra Tera Uni Vera Vire Wex Xen Zen Zeph""".split()
ENDINGS = """via line tek rix gen sys core wave path stone field mark point logic cast net ware scape ion ora dyne
tron lux ent ara""".split()
SECTORS = {
    "Communications equipment": ["Networks", "Communications", "Broadband"],
    "Semiconductors": ["Semiconductor", "Microsystems", "Devices"],
    "Software": ["Software", "Systems", "Technologies"],
    "Biotechnology": ["Therapeutics", "Biosciences", "Pharmaceuticals"],
    "Energy": ["Energy", "Resources", "Power"],
    "Industrials": ["Industries", "Controls", "Instruments"],
    "Consumer": ["Brands", "Foods", "Outdoor"],
}
SECTOR_NAMES = list(SECTORS)
# (legal form as the PDF title and participant lines write it, as Event Transcript titles write it)
LEGAL_FORMS = [(", Inc.", " Inc"), (" Inc.", " Inc"), (" Corporation", " Corp"), (" Corp.", " Corp"),
               (" Holdings, Inc.", " Holdings Inc"), (" Ltd.", " Ltd")]

BANKS = ["Goldman Sachs", "Morgan Stanley", "JPMorgan", "UBS", "Credit Suisse", "Deutsche Bank", "Barclays Capital",
         "Citigroup", "BofA Merrill Lynch", "Wells Fargo Securities", "Jefferies & Company", "Raymond James",
         "Stifel Nicolaus", "Needham & Company", "Cowen and Company", "Piper Jaffray", "Oppenheimer & Co.",
         "RBC Capital Markets", "KeyBanc Capital Markets", "Robert W. Baird", "William Blair & Company",
         "Evercore Partners", "Wedbush Securities", "Canaccord Genuity", "Craig-Hallum", "Northland Capital Markets",
         "JMP Securities", "Stephens Inc.", "Macquarie", "BMO Capital Markets", "Susquehanna", "Sanford Bernstein",
         "Mizuho", "SunTrust Robinson Humphrey", "Janney Montgomery Scott", "Dougherty & Company"]
ANALYST_TITLES = ["Analyst"] * 14 + ["Senior Analyst", "Research Analyst", "MD", "Managing Director"]

# (host as written in the name, name after the host, month, base day, city) -- a yearly calendar.
CONFERENCES = [
    ("Needham", "Growth Conference", 1, 12, "New York"),
    ("Goldman Sachs", "Technology and Internet Conference", 2, 11, "San Francisco"),
    ("Morgan Stanley", "Technology, Media and Telecom Conference", 2, 27, "San Francisco"),
    ("Raymond James", "Institutional Investors Conference", 3, 5, "Orlando"),
    ("Piper Jaffray", "Technology, Media and Telecom Conference", 3, 12, "New York"),
    ("Wells Fargo", "Healthcare Conference", 3, 18, "Boston"),
    ("JPMorgan", "Global Technology, Media and Telecom Conference", 5, 15, "Boston"),
    ("Cowen", "Technology, Media and Telecom Conference", 5, 29, "New York"),
    ("Bank of America", "Global Technology Conference", 6, 4, "San Francisco"),
    ("William Blair", "Growth Stock Conference", 6, 10, "Chicago"),
    ("Stifel", "Cross Sector Insight Conference", 6, 17, "Boston"),
    ("KeyBanc", "Global Technology Leadership Forum", 8, 8, "Vail"),
    ("Oppenheimer", "Technology, Internet and Communications Conference", 8, 12, "Boston"),
    ("Deutsche Bank", "Technology Conference", 9, 10, "Las Vegas"),
    ("Citi", "Global Technology Conference", 9, 6, "New York"),
    ("Jefferies", "Industrials Conference", 8, 5, "New York"),
    ("Goldman Sachs", "Small-Cap Technology Summit", 11, 6, "San Francisco"),
    ("UBS", "Global Technology Conference", 11, 14, "New York"),
    ("Wells Fargo", "Technology, Media and Telecom Summit", 11, 19, "New York"),
    ("Credit Suisse", "Annual Technology Conference", 11, 28, "Scottsdale"),
    ("Barclays", "Global Technology Conference", 12, 5, "San Francisco"),
    ("Nomura", "Annual Energy Summit", 10, 2, "Houston"),
]
CITIES = ["New York", "San Francisco", "Las Vegas", "Boston", "Chicago", "Dallas", "Austin", "Atlanta", "Orlando",
          "Denver", "Seattle", "San Diego", "Phoenix", "Miami", "Philadelphia", "Nashville", "Minneapolis", "Anaheim"]
# Trade shows per sector (names written as the industry writes them: inner capitals, acronyms).
TRADE_SHOWS = {
    "Communications equipment": [("TelcoTV", 10), ("FiberConnect", 6), ("BroadbandWorld", 9)],
    "Semiconductors": [("SemiCon West", 7), ("ChipEX", 4), ("DesignCon", 1)],
    "Software": [("CloudWorld", 9), ("DevSummit", 3), ("DataOps Live", 5)],
    "Biotechnology": [("BioPharm Week", 6), ("ASCO", 6), ("GenomeX", 10)],
    "Energy": [("PowerGen", 12), ("GridTech", 4), ("CERAWeek", 3)],
    "Industrials": [("AutomateNow", 5), ("FabTech", 11), ("IMTS", 9)],
    "Consumer": [("ShopTalk", 3), ("NRF Big Show", 1), ("OutdoorX", 7)],
}
CALL_TIMES = [("8:30PM", 20, 30), ("9:00PM", 21, 0), ("1:00PM", 13, 0), ("12:30PM", 12, 30), ("2:00PM", 14, 0),
              ("10:00PM", 22, 0), ("3:30PM", 15, 30)]

CEO_TITLES = [["President & CEO", "Chairman, President & CEO"], ["CEO", "Chairman & CEO"],
              ["President & CEO"], ["CEO & Director"]]
CFO_TITLES = [["CFO", "EVP & CFO"], ["Interim CFO", "CFO"], ["SVP & CFO", "EVP, CFO & Treasurer"],
              ["VP of Finance", "CFO"], ["EVP & CFO"]]
IR_TITLES = [["Director of IR", "Senior Director of IR", "VP of IR"], ["Treasurer & Director of IR"],
             ["Manager of IR", "Director of IR"], ["VP of IR & Corporate Communications"]]
OTHER_TITLES = [["EVP of Sales", "COO"], ["CTO"], ["SVP of Operations", "COO"], ["EVP of Worldwide Sales"],
                ["President of the Services Division", "President & COO"]]

# ---------------------------------------------------------------------------------------------------------------
# The sentence bank, from the reference transcript.

REFERENCE_NAMES = re.compile(
    r"\b(Carl|Russo|Michael|Ashby|David|Allen|Dave|George|Notter|Jeremy|Amitabh|Passi|Simon|Leopold|Sanjiv|"
    r"Wadhwani|Doug|Clark|Mark|McKechnie|Simona|Jankowski|Mr|Jefferies|Morgan|UBS|Raymond|Stifel|Goldman|"
    r"Evercore|Credit|Suisse|Operator|operator|Arizona|Scottsdale|Francisco|York)\b")
EVENT_WORDS = re.compile(r"\b(conferences?|summit|TelcoTV|meetings?|forums?|November|December|October|"
                         r"Goodbye|goodbye|whiteboard|flattered|mind|Crickets)\b", re.IGNORECASE)
SPEAKER_LINE = re.compile(r"^[A-Z][A-Za-z.' ]+ - .+ - [^.?!]+$")
SENTENCE_SPLIT = re.compile(r"(?<=[.?!])\s+(?=[A-Z(])")
MONEY = re.compile(r"\$\d+(?:\.\d+)?")
PERCENT = re.compile(r"\d+(?:\.\d+)?%")


def load_bank(path):
    """Sentences of the reference's turns, as token lists with placeholders: ({co} {money} {pct} ...)."""
    text = path.read_text(encoding="utf-8")
    body = text.split("\nPRESENTATION\n", 1)[1].split("\nDISCLAIMER\n", 1)[0]
    paragraphs = []
    operator = False
    for raw in body.split("\n"):
        line = raw.strip().replace("\\$", "$")
        if line == "Operator" or SPEAKER_LINE.match(line):
            operator = line == "Operator"  # the operator's lines are formulaic; the writer has its own
            continue
        if not line or operator or line == "QUESTIONS AND ANSWERS":
            continue
        if paragraphs and paragraphs[-1][-1] not in ".?!" and line[0].islower():
            paragraphs[-1] += " " + line  # a paragraph split by a page break
        else:
            paragraphs.append(line)
    statements, questions, short = [], [], []
    for paragraph in paragraphs:
        for sentence in SENTENCE_SPLIT.split(paragraph):
            sentence = sentence.strip()
            words = sentence.split()
            if not words or sentence[-1] not in ".?!" or " - " in sentence or REFERENCE_NAMES.search(sentence):
                continue
            if EVENT_WORDS.search(sentence.replace("conference call", "call")):
                continue
            sentence = sentence.replace("www.calix.com", "{site}").replace("Calix", "{co}")
            sentence = sentence.replace("Ericsson", "{partner}")
            for customer in ("CenturyLink/Qwest", "CenturyLink", "Qwest", "Frontier", "Verizon"):
                sentence = sentence.replace(customer, "{customer}")
            sentence = MONEY.sub("{money}", sentence)
            sentence = PERCENT.sub("{pct}", sentence)
            tokens = sentence.split()
            if len(tokens) < 5:
                if len(tokens) >= 2:
                    short.append(tokens)
                continue
            (questions if sentence.endswith("?") else statements).append(tokens)
    return statements, questions, short


class Markov:
    """An order-2 word chain over the bank's sentences."""

    def __init__(self, sentences):
        self.starts = []
        self.next = {}
        for tokens in sentences:
            padded = ["<s>", "<s>"] + tokens + ["</s>"]
            self.starts.append((padded[2], padded[3]) if len(padded) > 3 else None)
            for i in range(len(padded) - 2):
                self.next.setdefault((padded[i], padded[i + 1]), []).append(padded[i + 2])

    def sentence(self, rng, min_words=8, max_words=42):
        for _ in range(20):
            state = ("<s>", "<s>")
            out = []
            while len(out) <= max_words:
                word = rng.choice(self.next[state])
                if word == "</s>":
                    break
                out.append(word)
                state = (state[1], word)
            if min_words <= len(out) <= max_words and out[-1][-1] in ".?!":
                return out
        return None


# ---------------------------------------------------------------------------------------------------------------
# The world.

class Person:
    def __init__(self, first, last, middle=None):
        self.first, self.last = first, last
        self.name = f"{first} {middle} {last}" if middle else f"{first} {last}"


class Names:
    """Unique person names; a name is never reused, so speaker pages never merge two people."""

    def __init__(self, rng):
        self.rng = rng
        self.used = set()

    def person(self, avoid_last=()):
        for _ in range(10000):
            first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
            key = (first, last)
            if key in self.used or last in avoid_last:
                continue
            self.used.add(key)
            middle = self.rng.choice(INITIALS) + "." if self.rng.random() < 0.06 else None
            return Person(first, last, middle)
        raise SystemExit("generate_corpus: ran out of person names")


class Company:
    pass


def company_names(rng, count):
    seen, stems, result = set(), set(), []
    attempts = 0
    while len(result) < count:
        attempts += 1
        sector = SECTOR_NAMES[rng.randrange(len(SECTOR_NAMES))]
        stem = rng.choice(STEMS) + rng.choice(ENDINGS)
        if attempts > 20000:  # very large N: two-word stems
            stem += " " + rng.choice(STEMS) + rng.choice(ENDINGS).lower()
        industry = rng.choice(SECTORS[sector])
        key = (stem.lower(), industry.lower())
        if key in seen or (stem in stems and attempts < 20000):
            continue  # short names stay distinct while there are plenty
        seen.add(key)
        stems.add(stem)
        result.append((stem, industry, sector))
    return result


def make_ticker(stem, industry, used, rng):
    letters = re.sub(r"[^A-Z]", "", (stem + industry).upper())
    candidates = [letters[:4], letters[:3], letters[0] + letters[2:5], stem.upper()[:2] + industry.upper()[:2]]
    for candidate in candidates:
        if len(candidate) >= 3 and candidate not in used:
            used.add(candidate)
            return candidate
    while True:
        candidate = letters[:2] + "".join(rng.choice("ABCDEFGHKLMNPRSTVWXZ") for _ in range(2))
        if candidate not in used:
            used.add(candidate)
            return candidate


def timeline(rng, start, end, names, ladders, change_probability, avoid_last):
    """Holders of one executive slot over quarters [start, end): [(from, to, person, [(from, title)...])]."""
    holders = []
    q = start
    while q < end:
        remaining = end - q
        if rng.random() < change_probability and remaining >= 6:
            length = rng.randint(3, remaining - 3)
        else:
            length = remaining
        person = names.person(avoid_last)
        avoid_last.add(person.last)
        ladder = rng.choice(ladders)
        titles = [(q, ladder[0])]
        for step in ladder[1:]:
            at = titles[-1][0] + rng.randint(2, 10)
            if at < q + length:
                titles.append((at, step))
        holders.append([q, q + length, person, titles])
        q += length
    return holders


def title_at(titles, q):
    current = titles[0][1]
    for start, title in titles:
        if start <= q:
            current = title
    return current


def build_world(n, seed):
    rng = random.Random(f"{seed}/world/{n}")
    names = Names(rng)
    company_count = max(1, round(n / 25), -(-n // 40))
    weights = [rng.uniform(0.4, 1.6) for _ in range(company_count)]
    total = sum(weights)
    counts = [min(40, max(1, int(n * w / total))) for w in weights]
    i = 0
    while sum(counts) < n:
        if counts[i % company_count] < 40:
            counts[i % company_count] += 1
        i += 1
    i = 0
    while sum(counts) > n:
        if counts[i % company_count] > 1:
            counts[i % company_count] -= 1
        i += 1

    tickers = set()
    companies = []
    for (stem, industry, sector), count in zip(company_names(rng, company_count), counts):
        c = Company()
        legal, event_legal = LEGAL_FORMS[rng.randrange(len(LEGAL_FORMS))]
        c.short = stem
        c.name = f"{stem} {industry}{legal}"
        c.event_name = f"{stem} {industry}{event_legal}"  # how Event Transcript titles spell it
        c.sector = sector
        c.ticker = make_ticker(stem, industry, tickers, rng)
        c.site = f"www.{stem.lower().replace(' ', '')}.com"
        c.start = rng.randint(0, 40 - count)
        c.end = c.start + count
        c.call_time = CALL_TIMES[rng.randrange(len(CALL_TIMES))]
        c.user_group = (rng.randint(3, 11), rng.choice(CITIES), rng.choice(["user group meeting", "customer conference",
                                                                            "partner summit"]))
        c.show = rng.choice(TRADE_SHOWS[sector])
        c.partner = rng.choice(STEMS) + rng.choice(ENDINGS) + " " + rng.choice(["Systems", "Group", "Partners"])
        c.customers = [rng.choice(STEMS) + rng.choice(ENDINGS) + rng.choice([" Telecom", " Health", " Energy",
                                                                               " Retail", " Mobile"])
                       for _ in range(3)]
        c.conferences = sorted(rng.sample(range(len(CONFERENCES)), 6))
        avoid = set()
        c.ceo = timeline(rng, c.start, c.end, names, CEO_TITLES, 0.45, avoid)
        c.cfo = timeline(rng, c.start, c.end, names, CFO_TITLES, 0.55, avoid)
        c.ir = timeline(rng, c.start, c.end, names, IR_TITLES, 0.5, avoid)
        c.other = timeline(rng, c.start, c.end, names, OTHER_TITLES, 0.4, avoid) if rng.random() < 0.55 else []
        # Promotions: a successor CEO is often the COO or the CFO of the day, whose title then changes.
        for holder in c.ceo[1:]:
            at = holder[0]
            for slot in (c.other, c.cfo):
                previous = next((h for h in slot if h[0] < at < h[1]), None)
                if previous and rng.random() < 0.6:
                    holder[2] = previous[2]
                    successor = names.person(avoid)
                    avoid.add(successor.last)
                    slot.insert(slot.index(previous) + 1, [at, previous[1], successor,
                                                           [(at, rng.choice(CFO_TITLES if slot is c.cfo
                                                                            else OTHER_TITLES)[0])]])
                    previous[1] = at
                    break
        companies.append(c)

    # Analysts: a pool of about two per company, each active over a span of quarters at one to three banks,
    # covering several companies.
    analyst_count = max(12, 2 * company_count)
    analysts = []
    for _ in range(analyst_count):
        a = Person.__new__(Person)
        p = names.person()
        a.first, a.last, a.name = p.first, p.last, p.name
        a.start = 0 if rng.random() < 0.35 else rng.randint(0, 30)
        a.end = 40 if rng.random() < 0.35 else rng.randint(a.start + 10, 40)
        firms = rng.sample(BANKS, rng.choice([1, 1, 2, 2, 3]))
        cuts = sorted(rng.sample(range(a.start + 1, a.end), len(firms) - 1)) if a.end - a.start > len(firms) else []
        a.firms = list(zip([a.start] + cuts, firms))
        a.title = rng.choice(ANALYST_TITLES)
        analysts.append(a)
    for c in companies:
        coverage = rng.sample(range(analyst_count), min(analyst_count, rng.randint(6, 11)))
        c.analysts = [analysts[i] for i in coverage]
    return companies, analysts


def firm_at(analyst, q):
    return title_at(analyst.firms, q)


# ---------------------------------------------------------------------------------------------------------------
# One call.

def call_date(company, q_index, rng):
    year, quarter = QUARTERS[q_index]
    end_month = quarter * 3
    quarter_end = dt.date(year + (1 if end_month == 12 else 0), 1 if end_month == 12 else end_month + 1, 1) \
        - dt.timedelta(days=1)
    day = quarter_end + dt.timedelta(days=rng.randint(21, 42))
    while day.weekday() > 3:  # Monday to Thursday
        day += dt.timedelta(days=1)
    label, hour, minute = company.call_time
    return day, label, dt.datetime(day.year, day.month, day.day, hour, minute)


def ordinal_day(day):
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def spoken_date(day, rng):
    return f"{MONTHS[day.month - 1]} {ordinal_day(day.day) if rng.random() < 0.6 else day.day}"


def conference_date(index, year):
    host, name, month, base, city = CONFERENCES[index]
    day = dt.date(year, month, min(28, base + (year * 3) % 5))
    while day.weekday() > 3:
        day += dt.timedelta(days=1)
    return day


class Call:
    """The model of one transcript: metadata, participants and turns. Paragraphs are plain text."""


def fill(tokens, company, rng):
    out = []
    for token in tokens:
        if "{" in token:
            if "{money}" in token:
                value = rng.choice([f"{rng.randint(1, 300)}", f"{rng.randint(1, 150)}.{rng.randint(1, 9)}",
                                    f"0.{rng.randint(1, 9):01d}{rng.randint(0, 9)}"])
                token = token.replace("{money}", "$" + value)
            if "{pct}" in token:
                token = token.replace("{pct}", f"{rng.randint(1, 60)}{'.' + str(rng.randint(1, 9)) if rng.random() < 0.4 else ''}%")
            token = (token.replace("{co}", company.short).replace("{site}", company.site)
                     .replace("{partner}", company.partner).replace("{customer}", rng.choice(company.customers)))
        out.append(token)
    return " ".join(out)


class Prose:
    def __init__(self, seed):
        statements, questions, short = load_bank(REFERENCE)
        rng = random.Random(f"{seed}/bank")
        chain = Markov(statements + questions)
        generated = [s for s in (chain.sentence(rng) for _ in range(6000)) if s]
        self.statements = statements + [s for s in generated if s[-1][-1] != "?"]
        self.questions = questions + [s for s in generated if s[-1][-1] == "?"]
        self.short = short
        self.safe_harbour = [s for s in statements if any(w in " ".join(s) for w in
                                                         ("forward-looking", "non-GAAP", "GAAP", "SEC", "replay"))]

    def paragraph(self, rng, company, sentences=None):
        count = sentences or rng.randint(2, 6)
        return " ".join(fill(rng.choice(self.statements), company, rng) for _ in range(count))

    def question(self, rng, company):
        return fill(rng.choice(self.questions), company, rng)


GREETINGS = ["Hi, thanks for taking my question.", "Great, thanks.", "Thank you.", "Hey, good afternoon, guys.",
             "Thanks, and congrats on a good quarter.", "Hi, good afternoon."]
FOLLOWUPS = ["Okay, that's helpful.", "Got it.", "Okay, great.", "That's helpful, thanks.", "Understood."]
CLOSERS = ["Great, thank you very much.", "Got it. That's helpful. Thanks, guys.", "Okay, great. Thanks.",
           "Alright, great, thanks for the clarification.", "Thanks, that's all I had."]
HANDOFFS = ["{first}, do you want to take that one?", "I'll let {first} take that.", "{first}, go ahead."]


def event_sentences(company, day, rng):
    """Natural sentences that mention events around the call date, for the closing remarks and prepared remarks."""
    closing, prepared = [], []
    upcoming = []
    for index in company.conferences:
        for year in (day.year, day.year + 1):
            when = conference_date(index, year)
            if day + dt.timedelta(days=5) < when <= day + dt.timedelta(days=95):
                upcoming.append((when, index))
    upcoming.sort()
    upcoming = upcoming[:3]
    if upcoming:
        parts = []
        for when, index in upcoming:
            host, name, _, _, city = CONFERENCES[index]
            parts.append(f"the {host} {name} in {city} on {spoken_date(when, rng)}")
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + ", and " + parts[-1]
        closing.append(rng.choice([
            f"We hope you can join us at one of the upcoming investor conferences at which we're participating this "
            f"quarter, including {listed}.",
            f"Over the coming weeks we will be presenting at {listed}, and we hope to see many of you there.",
        ]))
    month, city, kind = company.user_group
    meeting = dt.date(day.year, month, 15)
    if day < meeting <= day + dt.timedelta(days=75):
        prepared.append(("meeting", f"The increase in expected operating expenses reflects costs related to our annual "
                                    f"{kind} in {city} on {spoken_date(meeting, rng)}."))
    elif day - dt.timedelta(days=60) <= meeting < day:
        prepared.append(("meeting", f"More than a thousand customers joined us at our annual {kind} in {city} last "
                                    f"month, and the response to our roadmap was very encouraging."))
    show, show_month = company.show
    show_city = CITIES[sum(map(ord, show)) % len(CITIES)]  # a show is always in the same city
    if show_month == day.month:
        prepared.append(("keynote", f"As I said in my keynote at {show} in {show_city} earlier this month, the demand "
                                    f"we are seeing from our customers continues to build."))
    elif show_month == day.month % 12 + 1:
        prepared.append(("keynote", f"I will deliver the keynote at {show} in {show_city} next month, and we expect "
                                    f"to show our customers the next generation of our platform there."))
    if rng.random() < 0.12:
        when = day + dt.timedelta(days=rng.randint(20, 80))
        while when.weekday() > 3:
            when += dt.timedelta(days=1)
        closing.append(f"We will also host our analyst day in New York on {spoken_date(when, rng)}, and we look "
                       f"forward to seeing many of you there.")
    return closing, prepared


def make_call(company, q_index, prose, seed, target, everyone):
    rng = random.Random(f"{seed}/{company.ticker}/{q_index}")
    year, quarter = QUARTERS[q_index]
    day, time_label, when = call_date(company, q_index, rng)
    call = Call()
    call.company, call.q_index, call.year, call.quarter = company, q_index, year, quarter
    call.day, call.time_label, call.when = day, time_label, when

    def holder(slot):
        for start, end, person, titles in slot:
            if start <= q_index < end:
                return person, title_at(titles, q_index)
        return None

    execs = [h for h in (holder(company.ir), holder(company.ceo), holder(company.cfo), holder(company.other)) if h]
    ir, ceo, cfo = execs[0], execs[1], execs[2]
    other = execs[3] if len(execs) > 3 else None
    taken = {p.last for p, _ in execs}
    pool = [a for a in company.analysts if a.start <= q_index < a.end]
    rng.shuffle(pool)
    if len(pool) < 3:  # coverage gap: analysts from elsewhere join the call
        others = [a for a in everyone if a.start <= q_index < a.end and a not in pool]
        pool += rng.sample(others, min(3, len(others)))
    wanted = rng.randint(4, 8)
    analysts = []
    for a in pool:
        if a.last not in taken and len(analysts) < wanted:
            analysts.append(a)
            taken.add(a.last)
    call.corporate = [(p.name, company.name, t) for p, t in execs]
    call.analyst_entries = [(a.name, firm_at(a, q_index), a.title) for a in analysts]
    co = company.short
    turns = {"presentation": [], "qa": []}

    event_layout = rng.random() < 0.2
    # Bytes the raw file will take, estimated as turns are added: speaker lines and rules (Event Transcript), page
    # furniture (~15% in the PDF text).
    size = [2500]

    def say(section, speaker, paragraphs):
        turns[section].append((speaker, paragraphs))
        text = sum(len(p) + 2 for p in paragraphs)
        size[0] += text * 1.03 + 260 if event_layout else text * 1.16 + 90

    closing_events, prepared_events = event_sentences(company, day, rng)
    # Presentation.
    intro = [f"Greetings, and welcome to the {co} {ORDINALS[quarter]} quarter {year} financial results conference call. "
             "At this time, all participants are in a listen-only mode. A question-and-answer session will follow "
             "the formal presentation. (Operator Instructions).",
             f"It is now my pleasure to introduce your host, {ir[0].name}, {ir[1]} for {co}. Thank you. You may begin."]
    say("presentation", "Operator", intro)
    harbour = [" ".join(fill(rng.choice(prose.safe_harbour), company, rng) for _ in range(rng.randint(1, 3)))
               for _ in range(rng.randint(3, 6))]
    harbour.append(f"I would now like to turn the call over to {co}'s {ceo[1]}, {ceo[0].name}. {ceo[0].first}?")
    say("presentation", ir[0].name, harbour)
    presentation_budget = target * rng.uniform(0.35, 0.45)
    order = [(ceo, 0.3), (cfo, 0.55), (ceo, 0.15)]
    for index, (speaker, share) in enumerate(order):
        paragraphs = [f"Thank you, {execs[0][0].first if index == 0 else order[index - 1][0][0].first}. "
                      + prose.paragraph(rng, company, 2)]
        budget = presentation_budget * share
        while sum(len(p) for p in paragraphs) < budget:
            paragraphs.append(prose.paragraph(rng, company))
        for kind, sentence in prepared_events:
            if (kind == "keynote") == (index == 0) and index < 2:
                paragraphs.insert(rng.randint(1, len(paragraphs)), sentence)
        if index == 0:
            paragraphs.append(f"I will provide some forward-looking comments after {cfo[0].first} discusses our "
                              f"results in more detail. {cfo[0].first}?")
        elif index == 1:
            paragraphs.append(f"With that, I'll turn the call back over to {ceo[0].first}.")
        else:
            paragraphs.append("With that, operator, we are ready to take questions.")
        say("presentation", speaker[0].name, paragraphs)
    if other and not analysts:  # no one to ask questions: the other executive speaks in the presentation
        say("presentation", other[0].name, [prose.paragraph(rng, company) for _ in range(rng.randint(2, 4))])
    # Questions and answers, until the call reaches its target size.
    answerers = [ceo, cfo] + ([other] if other else [])
    closing_size = 4000  # the closing turns, and half an exchange of overshoot
    asked = []
    queue = list(analysts)
    first = True
    other_spoke = other is None
    while queue and (size[0] < target - closing_size or len(asked) < 2 or not other_spoke):
        analyst = queue.pop(0)
        firm = firm_at(analyst, q_index)
        lead = "Thank you. We will now be conducting a question-and-answer session. (Operator Instructions). Our first" \
            if first else "Thank you. Our next"
        say("qa", "Operator", [f"{lead} question comes from the line of {analyst.name} of {firm}. "
                               "Please proceed with your question."])
        first = False
        asked.append(analyst)
        rounds = rng.randint(1, 4)
        for r in range(rounds):
            opener = rng.choice(GREETINGS) if r == 0 else rng.choice(FOLLOWUPS)
            question = [opener + " " + " ".join(prose.question(rng, company) for _ in range(rng.randint(1, 2)))]
            if r == 0 and rng.random() < 0.4:  # some context before the question
                question = [opener + " " + prose.paragraph(rng, company, rng.randint(1, 3)),
                            " ".join(prose.question(rng, company) for _ in range(rng.randint(1, 2)))]
            say("qa", analyst.name, question)
            responder = answerers[rng.randrange(len(answerers))]
            if not other_spoke and other:
                responder = other
            if responder is other:
                other_spoke = True
            answer = [prose.paragraph(rng, company) for _ in range(rng.randint(1, 4))]
            if rng.random() < 0.25:
                second = cfo if responder is not cfo else ceo
                answer.append(rng.choice(HANDOFFS).format(first=second[0].first))
                say("qa", responder[0].name, answer)
                answer = [prose.paragraph(rng, company) for _ in range(rng.randint(1, 3))]
                responder = second
            say("qa", responder[0].name, answer)
        say("qa", analyst.name, [rng.choice(CLOSERS)])
        say("qa", answerers[rng.randrange(2)][0].name, [f"Thanks, {analyst.first}."])
        if not queue and (size[0] < target - closing_size or not other_spoke):
            queue = list(asked)  # analysts come back with more questions
            rng.shuffle(queue)
    say("qa", "Operator", ["Thank you. (Operator Instructions). One moment please while we poll for any further "
                           "questions. It appears there are no further questions at this time. I would like to turn "
                           f"the floor back over to {ir[0].name} for any closing remarks."])
    closing = ["Thank you, operator, and thank you, everyone, for joining us today."
               + ("" if not closing_events else " " + " ".join(closing_events)),
               "Information about these events has been posted on the investor relations section of our website. "
               f"Thank you again for joining us today. We look forward to speaking with you next quarter."]
    say("qa", ir[0].name, closing)
    say("qa", "Operator", ["Thank you. This concludes today's teleconference. You may disconnect your lines at "
                           "this time. Thank you for your participation."])
    analyst_names = []
    for a in asked:
        if a.name not in analyst_names:
            analyst_names.append(a.name)
    call.analyst_entries = [(a.name, firm_at(a, q_index), a.title) for a in analysts if a.name in analyst_names]
    call.turns = turns
    call.event_layout = event_layout
    return call


# ---------------------------------------------------------------------------------------------------------------
# Writers.

COPYRIGHT_LONG = ("Thomson Reuters. All rights reserved. Republication or redistribution of Thomson Reuters content, "
                  "including by framing or similar means, is prohibited without the prior written consent of Thomson "
                  "Reuters. 'Thomson Reuters' and the Thomson Reuters logo are registered trademarks of Thomson "
                  "Reuters and its affiliated companies.")
FOOTER = "THOMSON REUTERS STREETEVENTS | www.streetevents.com | Contact Us"
DISCLAIMER_PDF = REFERENCE.read_text(encoding="utf-8").split("\nDISCLAIMER\n", 1)[1].split("\n\u00a9")[0].strip()


def pdf_title(call):
    c = call.company
    return f"{c.ticker} - Q{call.quarter} {call.year} {c.name} Earnings Conference Call"


def event_title(call):
    return f"Q{call.quarter} {call.year} {call.company.event_name} Earnings Call"


def date_line(call):
    # June and July are written "JUN"/"JUL": sitegen's EventDate reads the four-letter "JUNE"/"JULY" as
    # abbreviations and finds no month (a parser bug, reported with the benchmark; every other month is spelt out).
    month = MONTHS[call.day.month - 1].upper()
    if month in ("JUNE", "JULY"):
        month = month[:3]
    return f"{month} {call.day.day}, {call.day.year} / {call.time_label} GMT"


def page_break_point(paragraph, rng):
    """A cut inside the paragraph where the parser re-joins it: after a word without closing punctuation, before a
    lower-case word. None if there is no such place."""
    words = paragraph.split(" ")
    if len(words) < 12:
        return None
    for _ in range(8):
        i = rng.randint(4, len(words) - 4)
        if words[i][:1].islower() and words[i - 1][-1:] not in '.?!:")]\u201d\u2019' and not words[i - 1].endswith("-"):
            return " ".join(words[:i]), " ".join(words[i:])
    return None


def write_pdf(call, rng):
    """The StreetEvents PDF text layout, as the sample: flattened participant lists, one paragraph a line, page
    furniture (footer, copyright, page number, the date line repeated) every ~3 KB, sometimes mid-paragraph."""
    year_mark = call.day.year
    out = [f"THOMSON REUTERS STREETEVENTS **EDITED TRANSCRIPT** {pdf_title(call)}", "",
           f"EVENT DATE/TIME: {date_line(call)}", "", FOOTER, "", f"\u00a9{year_mark} {COPYRIGHT_LONG}", "", "", "", "",
           "CORPORATE PARTICIPANTS", "",
           " ".join(f"{n} {f} - {t}" for n, f, t in call.corporate), "",
           "CONFERENCE CALL PARTICIPANTS", "",
           " ".join(f"{n} {f} - {t}" for n, f, t in call.analyst_entries), ""]
    titles = {n: (f, t) for n, f, t in call.corporate + call.analyst_entries}
    page = [2]
    since_break = [0]

    def furniture():
        out.extend(["", "", FOOTER, "", f"\u00a9{year_mark} {COPYRIGHT_LONG}", "", str(page[0]), "",
                    date_line(call), "", ""])
        page[0] += 1
        since_break[0] = 0

    for section, heading in (("presentation", "PRESENTATION"), ("qa", "QUESTIONS AND ANSWERS")):
        out += [heading, ""]
        for speaker, paragraphs in call.turns[section]:
            if speaker == "Operator":
                out += ["Operator", ""]
            else:
                firm, title = titles[speaker]
                out += [f"{speaker} - {firm} - {title}", ""]
            for paragraph in paragraphs:
                text = paragraph.replace("$", "\\$")
                if since_break[0] + len(text) > 3000:
                    cut = page_break_point(text, rng) if rng.random() < 0.5 else None
                    if cut:
                        out += [cut[0]]
                        furniture()
                        out += [cut[1], ""]
                        since_break[0] += len(cut[1])
                        continue
                    furniture()
                out += [text, ""]
                since_break[0] += len(text) + 2
    out += ["DISCLAIMER", "", DISCLAIMER_PDF, "", f"\u00a9{year_mark}, Thomson Reuters. All Rights Reserved.", ""]
    return "\n".join(out)


RULE = "-" * 80
DOUBLE_RULE = "=" * 80


def wrap(text, width=80):
    lines, current = [], ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width and not current.endswith("-"):
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return lines


def write_event(call, rng):
    """The StreetEvents "Event Transcript" text layout: `=====` rules, ` * Name` participants, numbered turns,
    paragraphs hard-wrapped at 80 columns with the first line indented."""
    participants_heading = "Conference Call Participiants" if rng.random() < 0.3 else "Conference Call Participants"
    out = ["Thomson Reuters StreetEvents Event Transcript", "E D I T E D   V E R S I O N", "", event_title(call),
           date_line(call), "", DOUBLE_RULE, "Corporate Participants", DOUBLE_RULE, ""]
    for n, f, t in call.corporate:
        out += [f" * {n}", f"   {f} - {t}"]
    out += ["", DOUBLE_RULE, participants_heading, DOUBLE_RULE, ""]
    for n, f, t in call.analyst_entries:
        out += [f" * {n}", f"   {f} - {t}"]
    out += [""]
    titles = {n: (f, t) for n, f, t in call.corporate + call.analyst_entries}
    number = 0
    for section, heading in (("presentation", "Presentation"), ("qa", "Questions and Answers")):
        out += [DOUBLE_RULE, heading]
        for speaker, paragraphs in call.turns[section]:
            number += 1
            if speaker == "Operator":
                label = "Operator"
            else:
                firm, title = titles[speaker]
                label = f"{speaker},  {firm} - {title}"
            out += [RULE, f"{label}    [{number}]", RULE]
            for paragraph in paragraphs:
                lines = wrap(paragraph, 80)
                out += [" " + lines[0]] + lines[1:] + [""]
    out += [DOUBLE_RULE, "Definitions", RULE,
            "PRELIMINARY TRANSCRIPT: \"Preliminary Transcript\" indicates that the", "Transcript has been published "
            "in near real-time by an experienced", "professional transcriber.", "", DOUBLE_RULE, "Disclaimer", RULE]
    out += wrap(DISCLAIMER_PDF.split("\n")[0], 80) + [""]
    return "\n".join(out)


INLINE_SYNTAX = set("\\`*_[]<~|")
LINE_START = set("#>+-=")
ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def md_escape(text, every_hash=False):
    """Sources/TranscriptMarkdown/MarkdownEscaping.swift for the characters this corpus uses."""
    out = []
    m = re.match(r"^(\d+)([.)])(\s|$)", text)
    list_delimiter = len(m.group(1)) if m else None
    for i, ch in enumerate(text):
        if ch == "\t":
            out.append("&#9;")
        elif ch == "\u00a0":
            out.append("&#160;")
        elif ch == "&":
            out.append("\\&" if ENTITY.match(text, i) else "&")
        elif ch == "#":
            out.append("\\#" if every_hash or i == 0 else "#")
        elif ch in INLINE_SYNTAX or (i == 0 and ch in LINE_START) or i == list_delimiter:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def yaml_str(value):
    return json.dumps(value, ensure_ascii=False)


def write_markdown_body(call):
    out = []
    for section, heading in (("presentation", "Presentation"), ("qa", "Questions and Answers")):
        out += [f"## {heading}", ""]
        for speaker, paragraphs in call.turns[section]:
            out += [f"### {md_escape(speaker, every_hash=True)}", ""]
            for paragraph in paragraphs:
                out += [md_escape(paragraph), ""]
    return "\n".join(out)


def write_hugo(call, body):
    c = call.company
    speakers = [n for n, _, _ in call.corporate + call.analyst_entries]
    quarter = f"Q{call.quarter} {call.year}"
    lines = ["---",
             f"title: {yaml_str(event_title(call) if call.event_layout else pdf_title(call))}",
             f"date: {call.when.strftime('%Y-%m-%dT%H:%M:%SZ')}",
             f"company: {yaml_str(c.name)}",
             f"ticker: {yaml_str(c.ticker)}",
             f"quarter: {yaml_str(quarter)}",
             # Hugo 0.111 drops terms that end in "." (their URL would end in "."): "Calix, Inc" is the term.
             f"companies: [{yaml_str(c.name.rstrip('.'))}]",
             f"quarters: [{yaml_str(quarter)}]",
             "speakers: [" + ", ".join(yaml_str(s) for s in speakers) + "]",
             "participants:"]
    for group, entries in (("corporate", call.corporate), ("analyst", call.analyst_entries)):
        for n, f, t in entries:
            lines.append(f"  - {{name: {yaml_str(n)}, affiliation: {yaml_str(f)}, title: {yaml_str(t)}, "
                         f"group: {group}}}")
    lines += ["---", ""]
    return "\n".join(lines) + body


def sitegen_config(companies):
    lines = ["# Generated by bench/generate_corpus.py: the benchmark site's config with its company table.",
             "title: Earnings Call Archive (benchmark corpus)",
             "description: Generated transcripts for the sitegen benchmark.",
             "theme: default", "companies:"]
    for c in sorted(companies, key=lambda c: c.name):
        lines += [f"  - name: {yaml_str(c.name)}", f"    ticker: {c.ticker}",
                  f"    aliases: [{yaml_str(c.event_name)}, {yaml_str(c.short)}]",
                  f"    sector: {yaml_str(c.sector)}", f"    website: https://{c.site}"]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help="number of transcripts")
    parser.add_argument("out", help="folder for the raw transcripts (the site's Content/)")
    parser.add_argument("--seed", default="1", help="seed (any string; default 1)")
    parser.add_argument("--hugo", help="Hugo content folder (default OUT/../hugo/content)")
    parser.add_argument("--floor", help="concatenated Markdown bodies (default OUT/../floor.md)")
    parser.add_argument("--config", help="sitegen.yml to write (default OUT/../sitegen.yml)")
    args = parser.parse_args()
    if args.n < 1:
        parser.error("N must be at least 1")
    out = Path(args.out)
    parent = out.resolve().parent
    hugo = Path(args.hugo) if args.hugo else parent / "hugo" / "content"
    floor = Path(args.floor) if args.floor else parent / "floor.md"
    config = Path(args.config) if args.config else parent / "sitegen.yml"
    for folder in (out, hugo):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)

    companies, analysts = build_world(args.n, args.seed)
    prose = Prose(args.seed)
    sizes = random.Random(f"{args.seed}/sizes/{args.n}")
    totals = {"transcripts": 0, "pdf": 0, "event": 0, "raw_bytes": 0, "hugo_bytes": 0, "floor_bytes": 0}
    with open(floor, "w", encoding="utf-8", newline="\n") as floor_file:
        for c in companies:
            (out / c.ticker.lower()).mkdir()
            (hugo / "calls" / c.ticker.lower()).mkdir(parents=True)
            for q_index in range(c.start, c.end):
                target = int(1024 * min(76, 30 + 50 * sizes.betavariate(1.2, 5.6)))
                call = make_call(c, q_index, prose, args.seed, target, analysts)
                rng = random.Random(f"{args.seed}/layout/{c.ticker}/{q_index}")
                raw = write_event(call, rng) if call.event_layout else write_pdf(call, rng)
                grow = 0
                while len(raw.encode()) < 30 * 1024 and grow < 40:
                    grow += 1  # under 30 KiB: more Q&A
                    call = make_call(c, q_index, prose, args.seed, target + 2048 * grow, analysts)
                    raw = write_event(call, rng) if call.event_layout else write_pdf(call, rng)
                year, quarter = QUARTERS[q_index]
                name = f"{c.ticker.lower()}-q{quarter}-{year}"
                (out / c.ticker.lower() / f"{name}.txt").write_text(raw, encoding="utf-8", newline="\n")
                body = write_markdown_body(call)
                page = write_hugo(call, body)
                (hugo / "calls" / c.ticker.lower() / f"{year}-q{quarter}.md").write_text(page, encoding="utf-8",
                                                                                         newline="\n")
                floor_file.write(body + "\n")
                totals["transcripts"] += 1
                totals["event" if call.event_layout else "pdf"] += 1
                totals["raw_bytes"] += len(raw.encode())
                totals["hugo_bytes"] += len(page.encode())
                totals["floor_bytes"] += len(body.encode()) + 1
    config.write_text(sitegen_config(companies), encoding="utf-8")
    totals.update(companies=len(companies), analysts=len(analysts), seed=args.seed)
    (parent / "manifest.json").write_text(json.dumps(totals, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"generate_corpus: {totals['transcripts']} transcripts ({totals['pdf']} PDF text, {totals['event']} Event "
          f"Transcript), {len(companies)} companies, {totals['raw_bytes'] / 1e6:.1f} MB raw, "
          f"{totals['hugo_bytes'] / 1e6:.1f} MB Hugo content, {totals['floor_bytes'] / 1e6:.1f} MB floor", file=sys.stderr)


if __name__ == "__main__":
    main()
