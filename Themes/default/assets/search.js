/* sitegen search: full-text search over the index that `sitegen build` writes under search/.
 *
 * Plain JavaScript, no framework, no network access but the site's own files. A query downloads the manifest, the
 * shard of each of its words (one small binary file), for common words only the best "tier" of their postings, and
 * the document chunks of the results it shows. The format is described in docs/SEARCH.md.
 *
 * The tokenizer and stemmer below mirror Sources/SiteBuilder/Search/SearchTokenizer.swift and SearchStemmer.swift
 * exactly: a query word must become the same term the index was built with. Tests/browser/tokenizer_cases.json
 * holds the examples both implementations are tested against.
 */
(function () {
  'use strict';

  // ---------------------------------------------------------------------------------------------------------------
  // Words: folding, splitting, stop words, stemming (mirrors SearchTokenizer.swift / SearchStemmer.swift)

  var WORD_CHAR = /^[\p{L}\p{N}]$/u;
  var LETTER = /^\p{L}$/u;
  var MARKS = /\p{M}/gu;
  var FORMAT = /^\p{Cf}$/u;
  var MAX_WORD_BYTES = 64;

  /** Latin letters that NFKD leaves whole, spelt as the build's transliteration spells them (SearchTokenizer.latin). */
  var LATIN = { 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ħ': 'h', 'ı': 'i', 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'þ': 'th', 'ð': 'd' };
  var LATIN_LETTERS = /[øłđħıßæœþð]/g;
  var foldCache = new Map();

  /** The ranges of CJK code points (after folding) whose runs become bigrams, as SearchTokenizer.isCJK has them. */
  var CJK_RANGES = [
    [0x1100, 0x11ff], [0x3005, 0x3007], [0x3021, 0x3029], [0x3031, 0x3035], [0x3038, 0x303c], [0x3041, 0x3096],
    [0x309d, 0x309f], [0x30a1, 0x30fa], [0x30fc, 0x30ff], [0x3131, 0x318e], [0x31f0, 0x31ff], [0x3400, 0x4dbf],
    [0x4e00, 0x9fff], [0xa960, 0xa97c], [0xac00, 0xd7a3], [0xd7b0, 0xd7fb], [0xf900, 0xfaff], [0x20000, 0x3fffd]
  ];

  function isCJK(c) {
    var code = c.codePointAt(0);
    if (code < 0x1100) return false;
    for (var i = 0; i < CJK_RANGES.length; i++) if (code >= CJK_RANGES[i][0] && code <= CJK_RANGES[i][1]) return true;
    return false;
  }

  /**
   * The folded form of one code point: NFKD, lower case, NFKD, combining marks dropped, the LATIN letters spelt out;
   * a format character (soft hyphen, zero-width space, word joiner, BOM: category Cf) is '', as is a lone mark;
   * Hangul syllables stay.
   */
  function fold(ch) {
    var code = ch.codePointAt(0);
    if (code < 0x80) return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : ch;
    if (code >= 0xac00 && code <= 0xd7a3) return ch;
    var folded = foldCache.get(ch);
    if (folded === undefined) {
      folded = FORMAT.test(ch) ? ''
        : ch.normalize('NFKD').toLowerCase().normalize('NFKD').replace(MARKS, '')
          .replace(LATIN_LETTERS, function (c) { return LATIN[c]; });
      foldCache.set(ch, folded);
    }
    return folded;
  }

  function isAsciiDigit(c) { return c >= '0' && c <= '9'; }

  function utf8Length(text) {
    var bytes = 0;
    for (var c of text) {
      var code = c.codePointAt(0);
      bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    }
    return bytes;
  }

  /**
   * The number a folded word starts with when a letter follows it ('87m' → '87', '1.2b' → '1.2', '2q12' → '2'), or
   * null: the ASCII digits and kept dots it starts with (SearchTokenizer.swift's leadingNumberLength).
   */
  function leadingNumber(word) {
    var match = /^[0-9][0-9.]*/.exec(word);
    if (match === null || match[0].length === word.length) return null;
    return LETTER.test(String.fromCodePoint(word.codePointAt(match[0].length))) ? match[0] : null;
  }

  /**
   * The folded words of `text` with their UTF-16 offsets in it: [{word, start, end, cjk, joined, number}]. A CJK run
   * gives overlapping bigrams (its one character if alone), each with `cjk` set; every bigram of a run but its first
   * has `joined` set (it continues the run of the token before it). A word such as 87m has `number` set ('87'): it is
   * indexed under both, at one position. Words over MAX_WORD_BYTES are left out, as the build leaves them out, and
   * added to `dropped` if given.
   */
  function words(text, dropped) {
    var out = [];
    var word = '', start = 0, end = 0;
    var pending = null, pendingS = false, pendingSEnd = 0;
    var lastIsDigit = false, lastIsLetter = false;
    var cjk = null, cjkStart = 0, cjkEnd = 0, cjkPaired = false;

    function flush() {
      if (word !== '' && utf8Length(word) <= MAX_WORD_BYTES) {
        var token = { word: word, start: start, end: end };
        var number = leadingNumber(word);
        if (number !== null) token.number = number;
        out.push(token);
      } else if (word !== '' && dropped) {
        dropped.push(word);
      }
      if (cjk !== null) {
        if (!cjkPaired) out.push({ word: cjk, start: cjkStart, end: cjkEnd, cjk: true, joined: false });
        cjk = null;
        cjkPaired = false;
      }
      word = '';
      pending = null;
      pendingS = false;
      lastIsDigit = false;
      lastIsLetter = false;
    }
    function append(c, s, e) {
      if (word === '') start = s;
      word += c;
      end = e;
      lastIsDigit = isAsciiDigit(c);
      lastIsLetter = !lastIsDigit && LETTER.test(c);
    }
    function consume(c, s, e) {
      if (isCJK(c)) {
        if (word !== '' || pending !== null || pendingS) flush();
        if (cjk !== null) {
          out.push({ word: cjk + c, start: cjkStart, end: e, cjk: true, joined: cjkPaired });
          cjkPaired = true;
        }
        cjk = c;
        cjkStart = s;
        cjkEnd = e;
        return;
      }
      if (cjk !== null) flush();
      var isWord = WORD_CHAR.test(c);
      if (pendingS) {
        pendingS = false;
        if (isWord) {
          append('s', s, pendingSEnd);
          append(c, s, e);
          return;
        }
        flush();
        consume(c, s, e);
        return;
      }
      if (pending !== null) {
        var joiner = pending;
        pending = null;
        if ((joiner === '.' || joiner === ',') && isAsciiDigit(c) && lastIsDigit) {
          if (joiner === '.') word += '.';
          append(c, s, e);
          return;
        }
        if ((joiner === "'" || joiner === '\u2019') && lastIsLetter && isWord && LETTER.test(c)) {
          if (c === 's') {
            pendingS = true;
            pendingSEnd = e;
          } else {
            append(c, s, e);
          }
          return;
        }
        flush();
      }
      if (isWord) {
        append(c, s, e);
      } else if (word !== '' && (c === '.' || c === ',' || c === "'" || c === '\u2019')) {
        pending = c;
      } else {
        flush();
      }
    }

    var i = 0;
    while (i < text.length) {
      var ch = String.fromCodePoint(text.codePointAt(i));
      var next = i + ch.length;
      var folded = fold(ch);
      if (folded === '') {
        if (word !== '' && pending === null && !pendingS) end = next;
        else if (cjk !== null) {
          cjkEnd = next;
          if (cjkPaired) out[out.length - 1].end = next;
        }
      } else {
        for (var f of folded) consume(f, i, next);
      }
      i = next;
    }
    flush();
    return out;
  }

  function ends(w, suffix) { return w.length >= suffix.length && w.slice(w.length - suffix.length) === suffix; }
  function isVowel(c) { return 'aeiouy'.indexOf(c) >= 0; }

  /** The stem of one folded word (see SearchStemmer.swift for the rules). */
  function stem(w) {
    if (w.length < 4 || !/^[a-z]+$/.test(w)) return w;
    if (ends(w, 'ies') && !ends(w, 'eies') && !ends(w, 'aies')) {
      w = w.slice(0, -3) + 'y';
    } else if (ends(w, 'sses')) {
      w = w.slice(0, -2);
    } else if (ends(w, 's') && !ends(w, 'ss') && !ends(w, 'us') && !ends(w, 'is')) {
      w = w.slice(0, -1);
    }
    var suffixes = ['ing', 'ed'];
    for (var k = 0; k < suffixes.length; k++) {
      var suffix = suffixes[k];
      if (!ends(w, suffix)) continue;
      if (suffix === 'ed' && ends(w, 'eed')) break;
      var base = w.slice(0, -suffix.length);
      if (base.length >= 3 && /[aeiouy]/.test(base)) {
        w = base;
        var last = w[w.length - 1];
        if (w.length >= 2 && w[w.length - 2] === last && 'bdfgmnprt'.indexOf(last) >= 0) w = w.slice(0, -1);
      }
      break;
    }
    var rules = [['ization', 'ize'], ['ation', 'ate'], ['ness', ''], ['ment', ''], ['ly', '']];
    for (var r = 0; r < rules.length; r++) {
      if (ends(w, rules[r][0]) && w.length - rules[r][0].length >= 4) {
        w = w.slice(0, -rules[r][0].length) + rules[r][1];
        break;
      }
    }
    if (w.length > 2 && w[w.length - 1] === 'y' && !isVowel(w[w.length - 2])) w = w.slice(0, -1) + 'i';
    if (w.length > 3 && w[w.length - 1] === 'e') w = w.slice(0, -1);
    return w;
  }

  /** The words of `text` that are indexed: words() without stop words. */
  function indexedWords(text, stopwords) {
    return words(text).filter(function (token) { return !stopwords.has(token.word); });
  }

  /** Index terms of `text`: words without stop words, stemmed, each followed by its number if it has one. */
  function terms(text, stopwords) {
    var out = [];
    indexedWords(text, stopwords).forEach(function (token) {
      out.push(stem(token.word));
      if (token.number) out.push(token.number);
    });
    return out;
  }

  /**
   * The positions of `tokens` (from words(), all of them or some, in text order): one apart, but two apart where a CJK
   * run begins or ends, so that positions one apart inside a run are the bigrams of one run. A phrase matches only
   * at the same relative positions, so it never joins the bigrams of runs that punctuation, a space or another word
   * separate: 中国，国市 has the bigrams 中国 and 国市 at 0 and 2, the query 中国市 has them at 0 and 1.
   */
  function positions(tokens) {
    var out = [];
    for (var i = 0; i < tokens.length; i++) {
      var boundary = !tokens[i].joined && (tokens[i].cjk || (i > 0 && tokens[i - 1].cjk));
      out.push(i === 0 ? 0 : out[i - 1] + (boundary ? 2 : 1));
    }
    return out;
  }

  /**
   * The stemmed terms of `tokens` with their positions() and numbers (the `number` of each token, or null):
   * {terms, positions, numbers}, what findSequence compares.
   */
  function sequenceOf(tokens) {
    return {
      terms: tokens.map(function (token) { return stem(token.word); }),
      positions: positions(tokens),
      numbers: tokens.map(function (token) { return token.number || null; })
    };
  }

  /**
   * The positions of the index terms of `text` (see positions(); a word's number shares its position), for the
   * shared tokenizer cases.
   */
  function termPositions(text, stopwords) {
    var tokens = indexedWords(text, stopwords), at = positions(tokens), out = [];
    tokens.forEach(function (token, i) {
      out.push(at[i]);
      if (token.number) out.push(at[i]);
    });
    return out;
  }

  /** FNV-1a (32-bit) of the UTF-8 bytes of a term: its shard is hash % shards. */
  var encoder = new TextEncoder();
  function hash(term) {
    var bytes = encoder.encode(term);
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 16777619) >>> 0;
    return h >>> 0;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Index files

  var app = document.getElementById('search-app');
  var root = app ? app.getAttribute('data-root') || './' : './';
  var base = new URL(root + 'search/', document.baseURI);
  var files = new Map();

  /**
   * A file under search/, fetched once per page: JSON or bytes. A missing file resolves to null (and is remembered);
   * a failed fetch is forgotten, so that the next query asks again.
   */
  function load(path, kind) {
    var key = kind + ':' + path;
    if (!files.has(key)) {
      var promise = fetch(new URL(path, base)).then(function (response) {
        if (response.status === 404) return null;
        if (!response.ok) throw new Error('HTTP ' + response.status + ' for ' + path);
        return kind === 'json' ? response.json() : response.arrayBuffer().then(function (b) { return new Uint8Array(b); });
      });
      files.set(key, promise);
      promise.catch(function () { if (files.get(key) === promise) files.delete(key); });
    }
    return files.get(key);
  }

  var manifestPromise = null;
  function manifest() {
    if (!manifestPromise) {
      manifestPromise = load('manifest.json', 'json').then(function (m) {
        if (!m) throw new Error('the site has no search index (search/manifest.json is missing)');
        if (m.version !== 1) throw new Error('the search index has version ' + m.version + '; this page reads version 1');
        m.stopwordSet = new Set(m.stopwords);
        return m;
      });
      manifestPromise.catch(function () { manifestPromise = null; });
    }
    return manifestPromise;
  }

  function Reader(bytes, position) { this.bytes = bytes; this.position = position || 0; }
  Reader.prototype.varint = function () {
    var value = 0, shift = 0, byte;
    do {
      byte = this.bytes[this.position++];
      value += (byte & 0x7f) * Math.pow(2, shift);
      shift += 7;
    } while (byte >= 0x80);
    return value;
  };

  /** The entry of `term` in its shard, or null: {df, shard, ordinal, postings (bytes) | tiers [{maxImpact, count}]}. */
  function lookup(term, m) {
    var shard = hash(term) % m.shards;
    return load('shards/' + shard + '.bin', 'bytes').then(function (bytes) {
      if (!bytes) throw new Error('shard ' + shard + ' is missing');
      var wanted = encoder.encode(term);
      var reader = new Reader(bytes, 4);
      var count = reader.varint();
      for (var ordinal = 0; ordinal < count; ordinal++) {
        var length = reader.varint();
        var match = length === wanted.length;
        for (var i = 0; match && i < length; i++) match = bytes[reader.position + i] === wanted[i];
        reader.position += length;
        var df = reader.varint();
        var tierCount = reader.varint();
        var entry = { term: term, df: df, shard: shard, ordinal: ordinal, postings: null, tiers: [] };
        if (tierCount === 0) {
          var size = reader.varint();
          entry.postings = bytes.subarray(reader.position, reader.position + size);
          reader.position += size;
        } else {
          for (var t = 0; t < tierCount; t++) {
            entry.tiers.push({ maxImpact: reader.varint(), count: reader.varint(), size: reader.varint() });
          }
        }
        if (match) return entry;
      }
      return null;
    });
  }

  function tier(entry, number) {
    return load('tiers/' + entry.shard + '/' + entry.ordinal + '-' + number + '.bin', 'bytes').then(function (bytes) {
      if (!bytes) throw new Error('a tier of "' + entry.term + '" is missing');
      return bytes;
    });
  }

  /** Postings bytes → {docs: Int32Array, flags: Uint8Array} in doc order. */
  function decode(bytes, count) {
    var docs = new Int32Array(count), flags = new Uint8Array(count);
    var reader = new Reader(bytes, 0);
    var doc = -1;
    for (var i = 0; i < count; i++) {
      doc += reader.varint();
      docs[i] = doc;
      flags[i] = bytes[reader.position++];
    }
    return { docs: docs, flags: flags };
  }

  /** Every posting of a term in doc order (all tiers loaded and merged). */
  function allPostings(entry) {
    if (entry.postings) return Promise.resolve(decode(entry.postings, entry.df));
    return Promise.all(entry.tiers.map(function (t, n) { return tier(entry, n); })).then(function (parts) {
      var keys = new Float64Array(entry.df), k = 0;
      parts.forEach(function (bytes, n) {
        var part = decode(bytes, entry.tiers[n].count);
        for (var i = 0; i < part.docs.length; i++) keys[k++] = part.docs[i] * 256 + part.flags[i];
      });
      keys.sort();
      var docs = new Int32Array(k), flags = new Uint8Array(k);
      for (var j = 0; j < k; j++) {
        docs[j] = Math.floor(keys[j] / 256);
        flags[j] = keys[j] % 256;
      }
      return { docs: docs, flags: flags };
    });
  }

  function chunkPath(number) { return 'docs/' + (number >> 10) + '/' + number + '.json'; }

  function chunk(number) { return load(chunkPath(number), 'json'); }

  /** Whether chunk `number` was fetched (or is being fetched) by this page. */
  function chunkFetched(number) { return files.has('json:' + chunkPath(number)); }

  /** Document `doc`'s display data: {doc, url, anchor, label, company, date, speaker, speakerSlug, text}. */
  function documentData(doc, m) {
    var number = Math.floor(doc / m.chunkSize);
    return chunk(number).then(function (c) {
      var row = c && c.docs[doc - number * m.chunkSize];
      if (!row) throw new Error('paragraph ' + doc + ' is missing from its chunk');
      var call = c.calls[row[0]], speaker = c.speakers[row[3]];
      return {
        doc: doc, url: call[0], label: call[1], company: call[2], date: call[3],
        anchor: 't' + row[1] + '-p' + row[2], turn: row[1], speaker: speaker[0], speakerSlug: speaker[1], text: row[4]
      };
    });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Queries

  var GROUPS = { executive: 0, analyst: 1, operator: 2 };
  var SECTIONS = { presentation: 0, qa: 1 };
  var GROUP_LABELS = ['Executive', 'Analyst', 'Operator', 'Unidentified'];
  var GROUP_CLASSES = ['corporate', 'analyst', 'operator', 'unidentified'];
  var SECTION_LABELS = ['Presentation', 'Q&A', ''];
  var PAGE = 20;
  /** The chunk files (about 8 KB each) a query with a phrase may fetch per step to check it: a page, More results, Check more. */
  var CHUNK_BUDGET = 32;

  /**
   * The CJK runs of several bigrams among `tokens` (words() of one piece of text), each a list of its tokens, and the
   * other tokens: {runs, loose}.
   */
  function splitRuns(tokens) {
    var runs = [], loose = [], run = [];
    function close() {
      if (run.length > 1) runs.push(run);
      else loose.push.apply(loose, run);
      run = [];
    }
    tokens.forEach(function (t) {
      if (!t.joined) close();
      if (t.cjk) run.push(t);
      else loose.push(t);
    });
    close();
    return { runs: runs, loose: loose };
  }

  /**
   * Splits a query into free words and "quoted phrases", as index terms; a CJK run of several bigrams is a phrase too.
   * `terms`: every term a result must have; `sequence`: the free words as typed, for adjacencyFirst; `phrases`: the
   * sequences a result's text must have (see findSequence); `highlight`: the terms marked wherever they are (a
   * bigram of a run of several is marked only where its run matches); `tooLong`: words no paragraph can match, as
   * the index leaves out words over MAX_WORD_BYTES.
   */
  function parseQuery(q, stopwords) {
    q = q.replace(/[\u201c\u201d\u201e]/g, '"');
    var quoted = [], free = [], tooLong = [];
    var re = /"([^"]*)"?/g, last = 0, match;
    while ((match = re.exec(q)) !== null) {
      free.push(q.slice(last, match.index));
      var phrase = words(match[1], tooLong);
      if (phrase.length) quoted.push(phrase);
      last = re.lastIndex;
      if (match[0] === '') re.lastIndex++;
    }
    free.push(q.slice(last));
    var sequence = [], required = [], typed = [], phrases = [], highlight = [];
    function addLoose(tokens) {
      tokens.forEach(function (t) { if (!stopwords.has(t.word)) highlight.push(stem(t.word)); });
    }
    free.forEach(function (part) {
      var tokens = words(part, tooLong);
      tokens.forEach(function (t) {
        typed.push(t.word);
        if (!stopwords.has(t.word)) sequence.push(t);
      });
      var split = splitRuns(tokens);
      split.runs.forEach(function (run) { phrases.push(run); });
      addLoose(split.loose);
    });
    quoted.forEach(function (phrase) {
      phrase.forEach(function (t) {
        typed.push(t.word);
        if (!stopwords.has(t.word)) required.push(stem(t.word));
      });
      if (phrase.length > 1) phrases.push(phrase);
      addLoose(splitRuns(phrase).loose);
    });
    sequence.forEach(function (t) { required.push(stem(t.word)); });
    function unique(list) { return list.filter(function (t, i) { return list.indexOf(t) === i; }); }
    return {
      terms: unique(required),
      sequence: sequenceOf(sequence),
      phrases: phrases.map(sequenceOf),
      highlight: unique(highlight),
      typed: typed,
      tooLong: unique(tooLong)
    };
  }

  function idf(df, m) { return Math.log(1 + (m.documents - df + 0.5) / (df + 0.5)); }
  function weight(impact, m) { return (impact + 0.5) / m.impactLevels * (m.k1 + 1); }

  function inRanges(ranges, doc) {
    var low = 0, high = ranges.length - 1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (doc < ranges[middle][0]) high = middle - 1;
      else if (doc >= ranges[middle][1]) low = middle + 1;
      else return true;
    }
    return false;
  }

  /** A filter over (doc, flags), from the URL's company, quarter, speaker, group and section. */
  function makeFilter(state) {
    var lists = [];
    var missing = [];
    var pending = ['company', 'quarter', 'speaker'].filter(function (kind) { return state[kind]; }).map(function (kind) {
      return load('filters/' + kind + '/' + encodeURIComponent(state[kind]) + '.json', 'json').then(function (ranges) {
        if (!ranges) missing.push(kind);
        lists.push(ranges || []);
      });
    });
    var group = Object.prototype.hasOwnProperty.call(GROUPS, state.group) ? GROUPS[state.group] : -1;
    var section = Object.prototype.hasOwnProperty.call(SECTIONS, state.section) ? SECTIONS[state.section] : -1;
    if (state.group && group < 0) missing.push('group');
    if (state.section && section < 0) missing.push('section');
    return Promise.all(pending).then(function () {
      return {
        active: lists.length > 0 || group >= 0 || section >= 0,
        missing: missing,
        accept: function (doc, flags) {
          if (group >= 0 && ((flags >> 2) & 3) !== group) return false;
          if (section >= 0 && (flags & 3) !== section) return false;
          for (var i = 0; i < lists.length; i++) if (!inRanges(lists[i], doc)) return false;
          return true;
        }
      };
    });
  }

  function byScore(a, b) { return b.score - a.score || a.doc - b.doc; }

  /** One query against the index; `more(n)` makes sure the first n results (or all there are) are known. */
  function Search(state, m) {
    this.state = state;
    this.m = m;
    this.query = parseQuery(state.q, m.stopwordSet);
    this.hits = [];
    this.complete = false;
    this.total = 0;
    this.exact = true;
    this.verified = 0;
    this.results = [];
  }

  Search.prototype.prepare = function () {
    var self = this, m = this.m;
    return Promise.all([Promise.all(this.query.terms.map(function (t) { return lookup(t, m); })), makeFilter(this.state)])
      .then(function (found) {
        self.entries = found[0];
        self.filter = found[1];
        if (self.entries.some(function (e) { return !e; }) || self.filter.missing.length) {
          self.complete = true;
          return;
        }
        self.entries.sort(function (a, b) { return a.df - b.df; });
        if (self.entries.length === 1 && !self.query.phrases.length && self.entries[0].tiers.length) {
          self.tiersLoaded = 0;
          return;
        }
        return Promise.all(self.entries.map(allPostings)).then(function (lists) { self.intersect(lists); });
      });
  };

  Search.prototype.intersect = function (lists) {
    var m = this.m, filter = this.filter, entries = this.entries;
    var idfs = entries.map(function (e) { return idf(e.df, m); });
    var pointers = lists.map(function () { return 0; });
    var first = lists[0];
    var hits = [];
    outer: for (var i = 0; i < first.docs.length; i++) {
      var doc = first.docs[i];
      var score = idfs[0] * weight(first.flags[i] >> 4, m);
      for (var l = 1; l < lists.length; l++) {
        var list = lists[l], p = pointers[l];
        while (p < list.docs.length && list.docs[p] < doc) p++;
        pointers[l] = p;
        if (p >= list.docs.length) break outer;
        if (list.docs[p] !== doc) continue outer;
        score += idfs[l] * weight(list.flags[p] >> 4, m);
      }
      if (filter.accept(doc, first.flags[i])) hits.push({ doc: doc, score: score, flags: first.flags[i] });
    }
    hits.sort(byScore);
    this.hits = hits;
    this.complete = true;
  };

  /** Loads tiers of a single common word until the best `need` results are certain. */
  Search.prototype.moreTiers = function (need) {
    var self = this, m = this.m, entry = this.entries[0];
    var termIdf = idf(entry.df, m);
    if (this.tiersLoaded >= entry.tiers.length) {
      this.complete = true;
      return Promise.resolve();
    }
    var bound = termIdf * weight(entry.tiers[this.tiersLoaded].maxImpact, m);
    if (this.hits.length >= need && this.hits[need - 1].score >= bound) return Promise.resolve();
    var number = this.tiersLoaded;
    return tier(entry, number).then(function (bytes) {
      var part = decode(bytes, entry.tiers[number].count);
      for (var i = 0; i < part.docs.length; i++) {
        if (self.filter.accept(part.docs[i], part.flags[i])) {
          self.hits.push({ doc: part.docs[i], score: termIdf * weight(part.flags[i] >> 4, m), flags: part.flags[i] });
        }
      }
      self.hits.sort(byScore);
      self.tiersLoaded = number + 1;
      return self.moreTiers(need);
    });
  };

  /**
   * Checks "phrases" against the text of ranked hits, a batch at a time, in rank order, until `need` pass, none are
   * left, or the next hit's chunk would take more chunk files than `budget.chunks` has left (then `budget.spent`).
   */
  Search.prototype.verify = function (need, budget) {
    var self = this, m = this.m;
    if (this.results.length >= need || this.verified >= this.hits.length) return Promise.resolve();
    var batch = [], fresh = new Set();
    while (this.verified + batch.length < this.hits.length && batch.length < PAGE) {
      var hit = this.hits[this.verified + batch.length], number = Math.floor(hit.doc / m.chunkSize);
      if (!fresh.has(number) && !chunkFetched(number)) {
        if (fresh.size >= budget.chunks) break;
        fresh.add(number);
      }
      batch.push(hit);
    }
    if (!batch.length) {
      budget.spent = true;
      return Promise.resolve();
    }
    budget.chunks -= fresh.size;
    this.verified += batch.length;
    return Promise.all(batch.map(function (hit) { return documentData(hit.doc, m); })).then(function (data) {
      data.forEach(function (d, i) {
        var text = sequenceOf(words(d.text));
        if (self.query.phrases.every(function (p) { return findSequence(text, p) >= 0; })) {
          batch[i].data = d;
          self.results.push(batch[i]);
        }
      });
      return self.verify(need, budget);
    });
  };

  /**
   * Makes the first `need` results known; resolves to {results, total, exact}, and for phrases also {checked,
   * candidates, stopped}: how many of the paragraphs with all the words were checked, and whether the step's budget
   * of chunk files ran out first.
   */
  Search.prototype.more = function (need) {
    var self = this;
    var step = this.complete ? Promise.resolve()
      : this.tiersLoaded !== undefined ? this.moreTiers(need) : Promise.resolve();
    return step.then(function () {
      if (self.query.phrases.length) {
        var budget = { chunks: CHUNK_BUDGET, spent: false };
        return self.verify(need, budget).then(function () {
          var done = self.verified >= self.hits.length;
          return {
            results: self.results.slice(0, need), total: self.results.length, exact: done,
            checked: self.verified, candidates: self.hits.length, stopped: budget.spent
          };
        });
      }
      var entry = self.entries && self.entries[0];
      var total = self.hits.length, exact = true;
      if (!self.complete) {
        if (self.filter.active) exact = false;
        else total = entry.df;
      }
      return { results: self.hits.slice(0, need), total: total, exact: exact };
    });
  };

  /**
   * The first index from `from` on where `text` has the terms of `sequence` at the same relative positions (both
   * {terms, positions, numbers}, from sequenceOf), or -1. A word of the text matches by its term or by its number (the
   * query 87 matches the text's $87M); the sequence's numbers are not used (the query $87M asks for 87m).
   */
  function findSequence(text, sequence, from) {
    var n = sequence.terms.length;
    for (var i = from || 0; i + n <= text.terms.length; i++) {
      var j = 0;
      while (j < n && (text.terms[i + j] === sequence.terms[j] || text.numbers[i + j] === sequence.terms[j])
        && text.positions[i + j] - text.positions[i] === sequence.positions[j] - sequence.positions[0]) j++;
      if (j === n) return i;
    }
    return -1;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Page

  var form = document.getElementById('search-form');
  var input = document.getElementById('search-q');
  var fields = {
    company: document.getElementById('search-company'),
    quarter: document.getElementById('search-quarter'),
    speaker: document.getElementById('search-speaker'),
    group: document.getElementById('search-group'),
    section: document.getElementById('search-section')
  };
  var statusLine = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var moreButton = document.getElementById('search-more');
  var KEYS = ['q', 'company', 'quarter', 'speaker', 'group', 'section'];
  var speakers = null;
  var speakerNames = new Map();
  var current = null;
  var generation = 0;

  function readURL() {
    var params = new URLSearchParams(window.location.search);
    var state = {};
    KEYS.forEach(function (key) { state[key] = (params.get(key) || '').trim(); });
    return state;
  }

  /**
   * The state with its speaker as a slug. A link may name the speaker (speaker=Søren Ørsted, as someone writes a link
   * by hand): the name is looked up in speakers.json, as the form does, since only the build knows how it made the
   * slug (transliteration, the people table); a name the archive does not have becomes a slug here, and is reported.
   */
  function resolveSpeaker(state) {
    if (!state.speaker || SLUG.test(state.speaker)) return Promise.resolve(state);
    return loadSpeakers().then(function () {
      state.speaker = speakerSlug(state.speaker);
      return state;
    });
  }

  function runURL() {
    return resolveSpeaker(resolveFilters(readURL())).then(run);
  }

  /** Spellings a link may give the group and section filters (lower case, letters only), and the value each means. */
  var GROUP_SPELLINGS = {
    executive: 'executive', executives: 'executive', management: 'executive', corporate: 'executive',
    analyst: 'analyst', analysts: 'analyst', operator: 'operator', operators: 'operator', theoperator: 'operator'
  };
  var SECTION_SPELLINGS = {
    presentation: 'presentation', presentations: 'presentation', preparedremarks: 'presentation',
    qa: 'qa', qanda: 'qa', questions: 'qa', questionsandanswers: 'qa'
  };

  /** `value` as the filter value it spells (group=Analysts, section=Q%26A), else as given. */
  function spelling(value, spellings) {
    var key = value.toLowerCase().replace(/[^a-z]/g, '');
    return key && Object.prototype.hasOwnProperty.call(spellings, key) ? spellings[key] : value;
  }

  var LEGAL_FORM = /(?:-(?:inc|incorporated|corp|corporation|co|company|ltd|limited|plc|llc|lp|sa|ag|nv|se|ab|asa|spa|gmbh))+$/;

  /** A slug without the legal form it ends with (calix-inc → calix), so that a company's name matches without it. */
  function bareName(slug) { return slug.replace(LEGAL_FORM, '') || slug; }

  /**
   * The value of the option of `select` that `value` names in any case: its value (a slug, so a company's ticker),
   * its text (a company's name, a quarter's label), either as a slug would spell it (2012-Q3, Q3 2012), or a company's
   * name without its legal form (Calix for "Calix, Inc."), tried in that order; else `value`.
   */
  function optionValue(select, value) {
    if (!value) return value;
    var options = Array.prototype.filter.call(select.options, function (o) { return o.value; });
    var wanted = value.toLowerCase(), slug = slugify(value);
    var found = options.find(function (o) { return o.value === wanted; }) || options.find(function (o) {
      var text = o.textContent.trim();
      return text.toLowerCase() === wanted || (slug && (o.value === slug || slugify(text) === slug));
    }) || options.find(function (o) { return slug && bareName(slugify(o.textContent.trim())) === bareName(slug); });
    return found ? found.value : value;
  }

  /** The state with its group, section, company and quarter as the form's values, when they name one (see above). */
  function resolveFilters(state) {
    state.group = spelling(state.group, GROUP_SPELLINGS);
    state.section = spelling(state.section, SECTION_SPELLINGS);
    state.company = optionValue(fields.company, state.company);
    state.quarter = optionValue(fields.quarter, state.quarter);
    return state;
  }

  function writeURL(state, push) {
    var params = new URLSearchParams();
    KEYS.forEach(function (key) { if (state[key]) params.set(key, state[key]); });
    var text = params.toString();
    var url = window.location.pathname + (text ? '?' + text : '');
    if (url === window.location.pathname + window.location.search) return;
    window.history[push ? 'pushState' : 'replaceState'](null, '', url);
  }

  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

  /** A slug for a name speakers.json does not have (the build's own slugs also transliterate other scripts). */
  function slugify(text) {
    return text.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(LATIN_LETTERS, function (c) { return LATIN[c]; })
      .replace(/&/g, '-and-')
      .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  }

  /** The speaker filter as a slug: a name from the suggestions, else the text turned into a slug. */
  function speakerSlug(text) {
    text = text.trim();
    if (!text) return '';
    var known = speakerNames.get(text.toLowerCase());
    return known || slugify(text);
  }

  function loadSpeakers() {
    if (speakers) return speakers;
    speakers = load('speakers.json', 'json').then(function (rows) {
      var datalist = document.getElementById('search-speakers');
      var fragment = document.createDocumentFragment();
      (rows || []).forEach(function (row) {
        speakerNames.set(row[1].toLowerCase(), row[0]);
        speakerNames.set(row[0], row[0]);
        (row[3] || []).forEach(function (spelling) {
          if (!speakerNames.has(spelling.toLowerCase())) speakerNames.set(spelling.toLowerCase(), row[0]);
        });
        var option = document.createElement('option');
        option.value = row[1];
        if (row[2]) option.label = row[1] + ' · ' + row[2];
        fragment.appendChild(option);
      });
      datalist.appendChild(fragment);
      return rows || [];
    }).catch(function () {
      speakers = null;
      return [];
    });
    return speakers;
  }

  function readForm() {
    var state = { q: input.value.trim() };
    ['company', 'quarter', 'group', 'section'].forEach(function (key) { state[key] = fields[key].value; });
    state.speaker = speakerSlug(fields.speaker.value);
    return state;
  }

  function fillForm(state) {
    input.value = state.q;
    ['company', 'quarter', 'group', 'section'].forEach(function (key) {
      fields[key].value = state[key];
      if (fields[key].selectedIndex < 0) fields[key].value = '';
    });
    if (speakerSlug(fields.speaker.value) !== state.speaker) fields.speaker.value = state.speaker;
    document.querySelectorAll('.site-search__input').forEach(function (box) { box.value = state.q; });
  }

  function setStatus(text, kind) {
    statusLine.textContent = text;
    statusLine.className = 'search-status' + (kind ? ' search-status--' + kind : '');
  }

  function plural(n, one, many) { return n.toLocaleString('en-US') + ' ' + (n === 1 ? one : many); }

  function describe(state) {
    var parts = [];
    if (state.company) parts.push(fields.company.selectedOptions[0] ? fields.company.selectedOptions[0].textContent : state.company);
    if (state.quarter) parts.push(fields.quarter.selectedOptions[0] ? fields.quarter.selectedOptions[0].textContent : state.quarter);
    if (state.speaker) parts.push(fields.speaker.value || state.speaker);
    if (state.group) parts.push(fields.group.selectedOptions[0] ? fields.group.selectedOptions[0].textContent.toLowerCase() : state.group);
    if (state.section) parts.push(fields.section.selectedOptions[0] ? fields.section.selectedOptions[0].textContent.toLowerCase() : state.section);
    return parts.length ? ' (' + parts.join(', ') + ')' : '';
  }

  /**
   * Appends the text with each highlighted span in a <mark>; text goes in as text nodes only. Marked words side by
   * side share a mark, but not across the boundary of a CJK run unless nothing stands between them (中国，国市 for
   * 中国 国市 is two marks, Q3营收 for Q3营收 one).
   */
  function highlighted(text, query) {
    var tokens = words(text);
    var sequence = sequenceOf(tokens);
    var marked = new Array(tokens.length);
    tokens.forEach(function (t, i) {
      var hit = query.highlight.indexOf(sequence.terms[i]) >= 0 || (t.number && query.highlight.indexOf(t.number) >= 0);
      if (hit && !current.m.stopwordSet.has(t.word)) marked[i] = true;
    });
    query.phrases.forEach(function (phrase) {
      for (var at = findSequence(sequence, phrase); at >= 0; at = findSequence(sequence, phrase, at + 1)) {
        for (var k = 0; k < phrase.terms.length; k++) marked[at + k] = true;
      }
    });
    var paragraph = document.createElement('p');
    paragraph.className = 'search-result__text';
    var position = 0;
    for (var i = 0; i < tokens.length; i++) {
      if (!marked[i]) continue;
      var j = i;
      while (j + 1 < tokens.length && marked[j + 1]
        && (sequence.positions[j + 1] === sequence.positions[j] + 1 || tokens[j + 1].start <= tokens[j].end)) j++;
      paragraph.appendChild(document.createTextNode(text.slice(position, tokens[i].start)));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(tokens[i].start, tokens[j].end);
      paragraph.appendChild(mark);
      position = tokens[j].end;
      i = j;
    }
    paragraph.appendChild(document.createTextNode(text.slice(position)));
    return paragraph;
  }

  /** Moves results whose text has the typed words side by side, in order, ahead within the batch just shown. */
  function adjacencyFirst(batch, query) {
    if (query.sequence.terms.length < 2) return batch;
    return batch.map(function (hit, position) {
      var text = sequenceOf(indexedWords(hit.data.text, current.m.stopwordSet));
      return { hit: hit, together: findSequence(text, query.sequence) >= 0 ? 1 : 0, position: position };
    }).sort(function (a, b) { return b.together - a.together || a.position - b.position; }).map(function (x) { return x.hit; });
  }

  function renderResult(hit, query) {
    var d = hit.data;
    var item = document.createElement('li');
    item.className = 'search-result';
    item.setAttribute('data-doc', String(hit.doc));
    var head = document.createElement('p');
    head.className = 'search-result__head';
    var link = document.createElement('a');
    link.className = 'search-result__link';
    link.href = root + d.url + '#' + d.anchor;
    link.textContent = d.company + ' · ' + d.label;
    head.appendChild(link);
    var meta = document.createElement('span');
    meta.className = 'search-result__meta';
    var who = document.createElement(d.speakerSlug ? 'a' : 'span');
    who.className = 'search-result__speaker';
    who.textContent = d.speaker;
    if (d.speakerSlug) who.href = root + 'speakers/' + d.speakerSlug + '/';
    meta.appendChild(who);
    var group = (hit.flags >> 2) & 3;
    var badge = document.createElement('span');
    badge.className = 'badge badge--' + GROUP_CLASSES[group];
    badge.textContent = GROUP_LABELS[group];
    meta.appendChild(document.createTextNode(' '));
    meta.appendChild(badge);
    var facts = [SECTION_LABELS[hit.flags & 3], d.date, 'turn ' + d.turn].filter(Boolean);
    meta.appendChild(document.createTextNode(' ' + facts.join(' · ')));
    head.appendChild(meta);
    item.appendChild(head);
    item.appendChild(highlighted(d.text, query));
    return item;
  }

  function show(search, need, append) {
    var mine = generation;
    app.setAttribute('data-state', 'loading');
    moreButton.hidden = true;
    var m = search.m;
    return search.more(need).then(function (page) {
      var fresh = page.results.slice(append ? list.children.length : 0);
      return Promise.all(fresh.map(function (hit) {
        return hit.data ? hit : documentData(hit.doc, m).then(function (d) { hit.data = d; return hit; });
      })).then(function (batch) {
        if (mine !== generation) return;
        if (!append) list.textContent = '';
        var speakerShown = false;
        adjacencyFirst(batch, search.query).forEach(function (hit) {
          list.appendChild(renderResult(hit, search.query));
          if (!speakerShown && search.state.speaker && hit.data.speakerSlug === search.state.speaker && fields.speaker.value === search.state.speaker) {
            fields.speaker.value = hit.data.speaker;
            speakerShown = true;
          }
        });
        var subject = '“' + search.state.q + '”' + describe(search.state);
        var checked = page.stopped ? ': checked the ' + (page.checked === 1 ? 'best-ranked paragraph'
          : page.checked.toLocaleString('en-US') + ' best-ranked paragraphs') + ' of the '
          + page.candidates.toLocaleString('en-US') + ' that hold all the words' : '';
        if (search.filter.missing.length) {
          setStatus('No results: ' + unknownFilters(search.filter.missing, search.state) + '. Choose from the filters above.', 'empty');
        } else if (page.stopped && page.total === 0) {
          setStatus('No results yet for ' + subject + checked + ', and none has them as written. Check more to go on.', 'empty');
        } else if (page.stopped) {
          setStatus(plural(page.total, 'result', 'results') + ' so far for ' + subject + checked + '. Check more to go on.');
        } else if (page.total === 0) {
          setStatus('No results for ' + subject + '.', 'empty');
        } else {
          var count = page.exact ? plural(page.total, 'result', 'results') : 'At least ' + plural(page.total, 'result', 'results');
          setStatus(count + ' for ' + subject + (list.children.length < page.total || !page.exact
            ? ', showing the first ' + list.children.length.toLocaleString('en-US') : '') + '.');
        }
        moreButton.hidden = !(list.children.length < page.total || (!page.exact && page.results.length >= need) || page.stopped);
        moreButton.textContent = page.stopped ? 'Check more paragraphs' : 'More results';
        app.setAttribute('data-state', 'done');
        return true;
      });
    });
  }

  /**
   * What the status says of the filters that match nothing, in URL order: "this archive has no company “X”", "there
   * is no group “Y” (use executive, analyst or operator)".
   */
  function unknownFilters(missing, state) {
    var absent = [], wrong = [];
    KEYS.forEach(function (kind) {
      if (missing.indexOf(kind) < 0) return;
      if (kind === 'group') wrong.push('there is no group “' + state.group + '” (use executive, analyst or operator)');
      else if (kind === 'section') wrong.push('there is no section “' + state.section + '” (use presentation or qa)');
      else absent.push('no ' + kind + ' “' + state[kind] + '”');
    });
    return (absent.length ? ['this archive has ' + absent.join(' and ')] : []).concat(wrong).join('; ');
  }

  /** After More results: focus on the first result it added, else on the button, else on the status line. */
  function focusAfterMore(shown) {
    var added = list.children[shown];
    if (added) {
      added.querySelector('.search-result__link').focus();
    } else if (!moreButton.hidden) {
      moreButton.focus();
    } else {
      statusLine.tabIndex = -1;
      statusLine.focus();
    }
  }

  function fail(error) {
    var local = window.location.protocol === 'file:';
    setStatus('Search could not load its index' + (local
      ? ': browsers do not let a page opened from disk read other files. Serve the site over HTTP (sitegen serve).'
      : ' (' + error.message + ').'), 'error');
    app.setAttribute('data-state', 'error');
  }

  function run(state) {
    generation++;
    fillForm(state);
    list.textContent = '';
    moreButton.hidden = true;
    if (!state.q) {
      setStatus(state.company || state.quarter || state.speaker || state.group || state.section
        ? 'Type a word or a "phrase" to search with these filters.' : '');
      app.setAttribute('data-state', 'done');
      return Promise.resolve();
    }
    app.setAttribute('data-state', 'loading');
    setStatus('Searching…');
    var mine = generation;
    return manifest().then(function (m) {
      var search = new Search(state, m);
      var tooLong = search.query.tooLong;
      if (tooLong.length) {
        setStatus('No results: ' + tooLong.map(function (w) { return '“' + w + '”'; }).join(', ')
          + (tooLong.length === 1 ? ' is' : ' are') + ' too long to search (the index keeps words of up to '
          + MAX_WORD_BYTES + ' bytes).', 'empty');
        app.setAttribute('data-state', 'done');
        return;
      }
      if (!search.query.terms.length) {
        setStatus(search.query.typed.length
          ? 'Only very common words (' + search.query.typed.join(', ') + '): add a more specific word.'
          : 'Type a word or a "phrase" to search.', 'empty');
        app.setAttribute('data-state', 'done');
        return;
      }
      return search.prepare().then(function () {
        if (mine !== generation) return;
        current = search;
        return show(search, PAGE, false);
      });
    }).catch(fail);
  }

  function update(push) {
    var state = readForm();
    writeURL(state, push);
    return run(state);
  }

  if (app && form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      update(true);
    });
    ['company', 'quarter', 'group', 'section'].forEach(function (key) {
      fields[key].addEventListener('change', function () { update(false); });
    });
    fields.speaker.addEventListener('focus', loadSpeakers);
    fields.speaker.addEventListener('change', function () {
      var proceed = fields.speaker.value.trim() && !speakers ? loadSpeakers() : Promise.resolve();
      proceed.then(function () { update(false); });
    });
    moreButton.addEventListener('click', function () {
      if (!current) return;
      var shown = list.children.length;
      show(current, shown + PAGE, true).then(function (done) { if (done) focusAfterMore(shown); }).catch(fail);
    });
    window.addEventListener('popstate', runURL);
    runURL();
  }

  /** For tests and for anyone scripting the page. */
  window.sitegenSearch = {
    fold: fold, words: words, stem: stem, terms: terms, termPositions: termPositions, hash: hash, manifest: manifest,
    parseQuery: parseQuery
  };
})();
