# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
# distutils: language = c++
"""Compiled kernel of ``keyword_features.candidates``: the same terms and feature matrix, to the last bit.

``keyword_features`` is the reference: each step below is the loop form of the numpy step of the same name
there (``_spans``, ``_occurrences``, ``_keep``, ``_span_columns``, ``_term_columns`` and their helpers), over
the same token flags (``keyword_lexicon.token_codes``) and IDF (``phrase_idf``: ``keyword_features._phrase_idf``
over the same tables, with libm's ``log`` as Python's ``math.log`` and the same order of additions). Sums are
taken in the order numpy and scipy take them (``bincount``, ``cumsum``, CSR products row by row, column by
column), transcendental functions are numpy's own (``log1p`` over the finished columns), so the matrix equals
the reference's exactly; ``tests/analyze/test_keyword_kernel.py`` checks that on real text. The numpy code runs
where this module is not built.
"""

from cpython.bytes cimport PyBytes_AS_STRING, PyBytes_FromStringAndSize
from cpython.dict cimport PyDict_Contains, PyDict_GetItem
from cpython.float cimport PyFloat_AS_DOUBLE
from cpython.object cimport PyObject
from cpython.set cimport PySet_Contains
from libc.math cimport log, sqrt
from libc.stdint cimport int64_t, uint64_t
from libc.string cimport memcmp
from libcpp.algorithm cimport lower_bound, sort
from libcpp.pair cimport pair
from libcpp.vector cimport vector

import numpy as np

cdef int MAXT = 4  # keyword_features.MAX_TOKENS, checked by _setup
cdef int NCOLS = 46
cdef bint _ready = False
cdef int64_t MAX_CHARS, LEAD_CHARS, WINDOW, ITERATIONS
cdef double TITLE_BOOST, DAMPING, BG_MAX, MAX_IDF
cdef int64_t CONTENT, LOOSE, STOP, HEAD_WORD, POS_HEAD, POS_SINGLE, POS_VERB, POS_DFT, PLAIN_VERB, PERSONISH
cdef int64_t VN, LONE, SENTENCE_END, FLAG_BITS, CLASS_MASK, CLASS_SHIFT
cdef object lx
cdef frozenset _stop, _heads, _ends, _surnames  # keyword_lexicon's word lists (``word_code``)
cdef int64_t W_STOP, W_HEAD, W_END, W_PLAIN, W_PERSON, W_SHORT
cdef double COMMON_IDF, UNSEEN
cdef dict _df, _bg  # keyword_lexicon.idf_table().df (word -> document frequency) and background_idf()
cdef double _docs1  # the IDF table's documents + 1
cdef dict _idf_cache = {}  # term -> 8 doubles packed in bytes (one object to read): split, _phrase_idf's 7
# columns passed through numpy's log1p once the matrix is filled: sentences, log_count, contained_in, string_count
cdef int[4] LOG_COLS = [12, 17, 24, 26]


def _setup():
    """Read the constants and helpers of ``keyword_features`` and ``keyword_lexicon`` (once)."""
    global _ready, MAX_CHARS, LEAD_CHARS, WINDOW, ITERATIONS, TITLE_BOOST, DAMPING, BG_MAX, MAX_IDF
    global CONTENT, LOOSE, STOP, HEAD_WORD, POS_HEAD, POS_SINGLE, POS_VERB, POS_DFT, PLAIN_VERB, PERSONISH
    global VN, LONE, SENTENCE_END, FLAG_BITS, CLASS_MASK, CLASS_SHIFT, lx, _df, _bg, _docs1
    global _stop, _heads, _ends, _surnames, W_STOP, W_HEAD, W_END, W_PLAIN, W_PERSON, W_SHORT, COMMON_IDF, UNSEEN
    from . import keyword_features as kf
    from . import keyword_lexicon

    lx = keyword_lexicon

    if kf.MAX_TOKENS != MAXT or len(kf.BASE_FEATURES) != NCOLS:
        raise ImportError("the keyword kernel was built for other features: rebuild it (pip install -e .)")
    MAX_CHARS, LEAD_CHARS, WINDOW, ITERATIONS = kf.MAX_CHARS, kf.LEAD_CHARS, kf.WINDOW, kf.TEXTRANK_ITERATIONS
    TITLE_BOOST, DAMPING, BG_MAX = kf.TITLE_BOOST, kf.DAMPING, kf.BG_MAX
    MAX_IDF = lx.idf_table().max_idf
    _df, _bg, _docs1 = lx.idf_table().df, lx.background_idf(), <double>(lx.idf_table().n_docs + 1)
    CONTENT, LOOSE, STOP, HEAD_WORD = lx.CONTENT, lx.LOOSE, lx.STOP, lx.HEAD_WORD
    POS_HEAD, POS_SINGLE, POS_VERB, POS_DFT = lx.POS_HEAD, lx.POS_SINGLE, lx.POS_VERB, lx.POS_DFT
    PLAIN_VERB, PERSONISH, VN, LONE = lx.PLAIN_VERB, lx.PERSONISH, lx.VN, lx.LONE
    SENTENCE_END, FLAG_BITS = lx.SENTENCE_END, lx.FLAG_BITS
    CLASS_MASK, CLASS_SHIFT = lx._CLASS_MASK, lx._CLASS_SHIFT
    _stop, _heads, _ends, _surnames = lx.stopwords(), lx.compound_heads(), lx._SENTENCE_END, lx._surnames()
    W_STOP, W_HEAD, W_END = lx.STOP, lx.HEAD_WORD, lx.SENTENCE_END
    W_PLAIN, W_PERSON, W_SHORT = lx._PLAIN, lx._PERSON, lx._SHORT
    COMMON_IDF, UNSEEN = lx.COMMON_WORD_IDF, lx.UNSEEN_IDF
    _ready = True


def clear_cache():
    """Empty the per-term IDF cache (tests compare a cold and a warm run)."""
    _idf_cache.clear()


def cache_size():
    """Entries of the per-term IDF cache (emptied past ``keyword_lexicon.TERM_CACHE_MAX``)."""
    return len(_idf_cache)


cdef inline bint word_char(int64_t c) noexcept nogil:
    cdef int64_t folded = c | 32
    return (0x4E00 <= c <= 0x9FFF) or (97 <= folded <= 122) or (48 <= c <= 57)


cdef inline Py_ssize_t number(dict position, list items, object key):
    """``key``'s number among ``items`` (first seen first): an unseen key takes the next one (``keyword_features._index``)."""
    found = position.get(key)
    if found is not None:
        return <Py_ssize_t>found
    position[key] = len(items)
    items.append(key)
    return len(items) - 1


cdef extern from "Python.h":
    bint Py_UNICODE_ISDECIMAL(Py_UCS4 ch)


cdef int64_t make_word_code(str word) except -1:
    """``keyword_lexicon._WordCodes.__missing__``: a word's ``_word_flags``, ``_word_class`` (bits ``CLASS_SHIFT``
    up) and length (bits ``FLAG_BITS`` up), with the regular expressions and ``str`` tests spelled out: ``_ALNUM``
    (an ASCII letter or digit, or a CJK character), ``_NUMERIC`` (all decimal digits, points, commas and percent
    signs, or a decimal digit first: ``\\d`` is ``Py_UNICODE_ISDECIMAL`` in the ``re`` module) and pinyin residue
    (``isascii``, ``islower``, under four characters)."""
    cdef Py_ssize_t n = len(word), i
    cdef Py_UCS4 ch
    cdef bint alnum = False, numeric = n > 0, ascii = True, lower = False, upper = False
    for i in range(n):
        ch = word[i]
        if ch < 128:
            if 97 <= ch <= 122:
                lower = True
            elif 65 <= ch <= 90:
                upper = True
            if 48 <= ch <= 57 or 97 <= (<int>ch | 32) <= 122:
                alnum = True
        else:
            ascii = False
            if 0x4E00 <= ch <= 0x9FFF:
                alnum = True
        if numeric and not (Py_UNICODE_ISDECIMAL(ch) or ch == 46 or ch == 44 or ch == 37):
            numeric = False
    if n and Py_UNICODE_ISDECIMAL(word[0]):
        numeric = True
    cdef bint pinyin = ascii and lower and not upper and n < 4
    cdef bint plain = alnum and not numeric and not pinyin
    cdef bint person = False
    cdef PyObject* hit
    if 2 <= n <= 3 and PySet_Contains(_surnames, word[0]):
        hit = PyDict_GetItem(_bg, word)
        person = (UNSEEN if hit is NULL else PyFloat_AS_DOUBLE(<object>hit)) >= COMMON_IDF
    cdef int64_t flags = W_STOP * PySet_Contains(_stop, word) | W_HEAD * PySet_Contains(_heads, word) | (
        W_END * PySet_Contains(_ends, word))
    cdef int64_t klass = W_PLAIN * plain | W_PERSON * person | W_SHORT * (n < 2)
    return flags | klass << CLASS_SHIFT | <int64_t>n << FLAG_BITS


def word_code(str word):
    """``make_word_code`` from Python (tests compare it with ``keyword_lexicon``'s)."""
    if not _ready:
        _setup()
    return make_word_code(word)


cdef double table_idf(object lowered) except? -1.0:
    """``keyword_lexicon.IdfTable.idf`` of a lower-cased word: smoothed, a word never seen counting once."""
    cdef PyObject* hit = PyDict_GetItem(_df, lowered)
    cdef double df = 1.0 if hit is NULL else <double><object>hit
    return log(_docs1 / (df + 1.0)) + 1.0


cdef int phrase_idf(str term, list words, Py_ssize_t a, Py_ssize_t b, double* out) except -1:
    """``keyword_features._phrase_idf`` of ``term`` (the words ``words[a:b]``) into ``out[0:7]``: idf, known,
    background idf, background known, the background idf of the last, the first and the rarest word."""
    cdef Py_ssize_t n = b - a, i
    cdef double[4] parts  # MAXT words at most
    cdef double total, low
    cdef PyObject* hit
    cdef object lowered = term.lower()
    cdef bint known = PyDict_Contains(_df, lowered)
    for i in range(n):
        hit = PyDict_GetItem(_bg, words[a + i])
        parts[i] = BG_MAX if hit is NULL else PyFloat_AS_DOUBLE(<object>hit)
    if known or n == 1:
        out[0] = table_idf(lowered)
    else:
        total = 0.0
        for i in range(n):
            total += table_idf(words[a + i].lower())
        out[0] = total / sqrt(<double>n)
    out[1] = known
    hit = PyDict_GetItem(_bg, term)
    out[3] = hit is not NULL
    if hit is not NULL:
        out[2] = PyFloat_AS_DOUBLE(<object>hit)
    elif n > 1:
        total = 0.0
        for i in range(n):
            total += parts[i]
        out[2] = total / sqrt(<double>n)
    else:
        out[2] = BG_MAX
    low = parts[0]
    for i in range(1, n):
        if parts[i] < low:
            low = parts[i]
    out[4], out[5], out[6] = parts[n - 1], parts[0], low
    return 0


cdef inline uint64_t range_hash(const unsigned int* codes, int64_t n) noexcept nogil:
    """FNV-1a over ``n`` code points."""
    cdef uint64_t h = 14695981039346656037ULL
    cdef int64_t i
    for i in range(n):
        h = (h ^ codes[i]) * 1099511628211ULL
    return h


cdef int64_t term_id(const unsigned int* codes, vector[int64_t]& table, vector[int64_t]& at, vector[int64_t]& size,
                     int64_t a, int64_t n, bint add) noexcept nogil:
    """The number of the term ``codes[a:a + n]`` among the terms seen (first seen first), as ``number`` gives it by
    the term's text, without making the text: an open-addressing table (a power of two long) of term numbers, each
    term kept as its first place (``at``, ``size``). An unseen term takes the next number when ``add``, else -1."""
    cdef uint64_t mask = table.size() - 1
    cdef uint64_t slot = range_hash(codes + a, n) & mask
    cdef int64_t t
    while True:
        t = table[slot]
        if t < 0:
            if not add:
                return -1
            t = at.size()
            at.push_back(a)
            size.push_back(n)
            table[slot] = t
            return t
        if size[t] == n and memcmp(codes + at[t], codes + a, n * sizeof(unsigned int)) == 0:
            return t
        slot = (slot + 1) & mask


cdef void textrank(const int64_t[::1] seq, Py_ssize_t n_words, double[::1] rank_of) noexcept:
    """``keyword_features._textrank``: PageRank of each word over its co-occurrence graph, 0 when unlinked."""
    cdef Py_ssize_t L = seq.shape[0], d, p, i, jj, k, lo, hi
    cdef int64_t a, b
    cdef vector[int64_t] deg, start, cols, fill
    cdef vector[double] data, rank, product
    cdef vector[int64_t] ucols, ustart
    cdef double w, x, total
    cdef int64_t it
    if L < 2:
        return
    deg.assign(n_words, 0)
    for d in range(1, WINDOW):
        for p in range(L - d):
            a, b = seq[p], seq[p + d]
            if a != b:
                deg[a] += 1
                deg[b] += 1
    start.assign(n_words + 1, 0)
    for i in range(n_words):
        start[i + 1] = start[i] + deg[i]
    if start[n_words] == 0:
        return
    cols.resize(start[n_words])
    fill.assign(start.begin(), start.end() - 1)
    for d in range(1, WINDOW):  # row a holds b and row b holds a, as csr_matrix((w, (r, c))) with r = a|b, c = b|a
        for p in range(L - d):
            a, b = seq[p], seq[p + d]
            if a != b:
                cols[fill[a]] = b
                fill[a] += 1
                cols[fill[b]] = a
                fill[b] += 1
    # rows sorted by column, duplicates summed one by one (csr_sort_indices, csr_sum_duplicates)
    ustart.assign(n_words + 1, 0)
    for i in range(n_words):
        lo, hi = start[i], start[i + 1]
        sort(cols.begin() + lo, cols.begin() + hi)
        jj = lo
        while jj < hi:
            k = cols[jj]
            w = DAMPING / <double>deg[k]
            x = w
            jj += 1
            while jj < hi and cols[jj] == k:
                x += w
                jj += 1
            ucols.push_back(k)
            data.push_back(x)
        ustart[i + 1] = ucols.size()
    rank.assign(n_words, 1.0)
    product.assign(n_words, 0.0)
    for it in range(ITERATIONS):
        for i in range(n_words):
            total = 0.0
            for jj in range(ustart[i], ustart[i + 1]):
                total += data[jj] * rank[ucols[jj]]
            product[i] = total
        for i in range(n_words):
            rank[i] = product[i] + (1 - DAMPING)
    for i in range(n_words):
        if deg[i] > 0:
            rank_of[i] = rank[i]


cdef void scale(double[:, ::1] x, int col, const double[::1] values) noexcept:
    """``keyword_features._scale`` into column ``col``."""
    cdef Py_ssize_t k, K = values.shape[0]
    cdef double top = values[0] if K else 0.0
    for k in range(1, K):
        if values[k] > top:
            top = values[k]
    for k in range(K):
        x[k, col] = values[k] / top if top > 0 else 0.0


cdef void rank_column(double[:, ::1] x, int col, const double[::1] values):
    """``keyword_features._rank`` into column ``col``: 1 / (1 + rank), a stable sort of the negated values."""
    cdef Py_ssize_t k, K = values.shape[0]
    cdef vector[pair[double, Py_ssize_t]] order
    order.resize(K)
    for k in range(K):
        order[k] = pair[double, Py_ssize_t](-values[k], k)
    sort(order.begin(), order.end())  # ties by index: the stable order
    for k in range(K):
        x[order[k].second, col] = 1 / (1 + <double>k)


def candidates(title, body):
    """(terms, feature matrix) of an article's tagged title and body, as ``keyword_features.candidates``."""
    if not _ready:
        _setup()
    cdef Py_ssize_t n_head = len(title), n, k, i, j, c, size, last, m, K, V
    cdef list words = [pair_[0] for pair_ in title]
    words.append("\n")
    words.extend([pair_[0] for pair_ in body])
    cdef list tags = [pair_[1] for pair_ in title]
    tags.append("x")
    tags.extend([pair_[1] for pair_ in body])
    n = len(words)

    # _tokens: distinct words in first-seen order, flags and lengths, offsets, code points
    cdef dict vpos = {}
    cdef list vocab = []
    word_ids = np.empty(n, dtype=np.int64)
    cdef int64_t[::1] wid = word_ids
    cdef object found
    for k in range(n):
        wid[k] = number(vpos, vocab, words[k])
    V = len(vocab)
    # keyword_lexicon.token_codes: the word's cached code, its tag's row of flags at the word's class
    cdef object word_codes = lx._FLAGS, tag_rows = lx._TAGS  # dicts that compute a missing entry
    cdef PyObject* hit
    cdef Py_ssize_t cache_max = lx.TERM_CACHE_MAX  # read per call: tests lower it
    if len(word_codes) > cache_max:
        word_codes.clear()
    cdef vector[int64_t] vcode, trow
    vcode.resize(V)
    trow.resize(n)
    for k in range(V):
        hit = PyDict_GetItem(word_codes, vocab[k])
        if hit is not NULL:
            vcode[k] = <object>hit
        else:
            vcode[k] = make_word_code(vocab[k])
            word_codes[vocab[k]] = vcode[k]
    for k in range(n):
        hit = PyDict_GetItem(tag_rows, tags[k])
        trow[k] = <object>hit if hit is not NULL else tag_rows[tags[k]]
    cdef const int64_t[:, :] tag_flags = lx._TAG_FLAGS  # read after the lookups: a new tag adds a row
    cdef vector[int64_t] flags, lens, offs
    flags.assign(n + MAXT, 0)
    lens.assign(n + MAXT, 0)
    offs.assign(n + 1, 0)
    cdef int64_t mask = (1 << FLAG_BITS) - 1, code
    for k in range(n):
        code = vcode[wid[k]]
        code = (code & ~CLASS_MASK) | tag_flags[trow[k], (code & CLASS_MASK) >> CLASS_SHIFT]
        flags[k] = code & mask
        lens[k] = code >> FLAG_BITS
        offs[k + 1] = offs[k] + lens[k]
    cdef str joined = "".join(words)
    cdef const unsigned int[::1] codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    cdef Py_ssize_t L = codes.shape[0]

    # _spans: blocks by size, strict then loose, each in start order
    cdef vector[int64_t] sp_s, sp_e
    cdef vector[char] sp_strict
    cdef vector[int64_t] chars
    cdef vector[char] srun, lrun
    chars.assign(n, 0)
    srun.resize(n)
    lrun.resize(n)
    cdef int64_t f, fl
    for i in range(n):
        f = flags[i]
        srun[i] = (f & CONTENT) != 0 and (f & STOP) == 0
        lrun[i] = (f & LOOSE) != 0 and (f & STOP) == 0
    for size in range(1, MAXT + 1):
        for i in range(n):
            last = i + size - 1
            chars[i] += lens[last]
            if size > 1:
                srun[i] = srun[i] and (flags[last] & CONTENT) != 0
                lrun[i] = lrun[i] and (flags[last] & LOOSE) != 0
        for i in range(n):
            if not srun[i] or chars[i] > MAX_CHARS or chars[i] < 2:
                continue
            fl = flags[i + size - 1]
            if size == 1:
                if (fl & STOP) or not (fl & (POS_HEAD | POS_SINGLE)):
                    continue
            elif not (((fl & STOP) == 0 and (fl & (POS_HEAD | POS_VERB))) or (fl & HEAD_WORD)):
                continue
            sp_s.push_back(i)
            sp_e.push_back(i + size)
            sp_strict.push_back(1)
        if size > 1:
            for i in range(n):
                fl = flags[i + size - 1]
                if lrun[i] and chars[i] <= MAX_CHARS and (fl & STOP) == 0 and (fl & POS_DFT) == 0:
                    sp_s.push_back(i)
                    sp_e.push_back(i + size)
                    sp_strict.push_back(0)
    cdef Py_ssize_t n_spans = sp_s.size()
    if n_spans == 0:
        return [], np.zeros((0, NCOLS))

    # _occurrences: spans named by their text (numbered by ``term_id``: only the kept terms' texts are made);
    # loose phrases kept when repeated and never strict
    cdef const unsigned int* cp = &codes[0]
    cdef vector[int64_t] table, term_at, term_size
    cdef uint64_t slots = 16
    while slots < 2 * <uint64_t>n_spans:
        slots <<= 1
    table.assign(slots, -1)
    cdef vector[int64_t] sp_id
    sp_id.resize(n_spans)
    for k in range(n_spans):
        sp_id[k] = term_id(cp, table, term_at, term_size, offs[sp_s[k]], offs[sp_e[k]] - offs[sp_s[k]], True)
    m = term_at.size()
    cdef vector[char] strict_term
    cdef vector[int64_t] loose_count
    strict_term.assign(m, 0)
    loose_count.assign(m, 0)
    for k in range(n_spans):
        if sp_strict[k]:
            strict_term[sp_id[k]] = 1
        else:
            loose_count[sp_id[k]] += 1
    cdef vector[int64_t] o_s, o_e, o_id
    for k in range(n_spans):
        if sp_strict[k] or (loose_count[sp_id[k]] >= 2 and not strict_term[sp_id[k]]):
            o_s.push_back(sp_s[k])
            o_e.push_back(sp_e[k])
            o_id.push_back(sp_id[k])
    cdef Py_ssize_t n_occ = o_s.size()

    # candidates: per-term counts, then _keep
    cdef vector[int64_t] seen, title_seen, first_occ
    cdef vector[char] verb_head
    seen.assign(m, 0)
    title_seen.assign(m, 0)
    first_occ.assign(m, n_occ)
    verb_head.assign(m, 0)
    cdef int64_t t
    for k in range(n_occ):
        t = o_id[k]
        seen[t] += 1
        if o_s[k] < n_head:
            title_seen[t] += 1
        fl = flags[o_e[k] - 1]
        if strict_term[t] and o_e[k] - o_s[k] > 1 and (fl & PLAIN_VERB) and not (fl & HEAD_WORD):
            verb_head[t] = 1
        if k < first_occ[t]:
            first_occ[t] = k
    cdef vector[char] lone
    lone.assign(m, 0)
    for i in range(n):
        if flags[i] & LONE:
            t = term_id(cp, table, term_at, term_size, offs[i], offs[i + 1] - offs[i], False)
            if t >= 0:
                lone[t] = 1
    cdef vector[int64_t] kept, kept_at
    kept_at.assign(m, -1)
    cdef int64_t cnt
    cdef bint keep
    for t in range(m):
        if seen[t] == 0:
            continue
        cnt = seen[t] - title_seen[t]
        if not strict_term[t]:
            keep = seen[t] >= 2
        else:
            keep = (not verb_head[t] or cnt >= 2 or title_seen[t] > 0 and cnt >= 1) and (seen[t] >= 2 or not lone[t])
        if keep:
            kept_at[t] = kept.size()
            kept.push_back(t)
    K = kept.size()
    if K == 0:
        return [], np.zeros((0, NCOLS))
    terms = [joined[term_at[kept[k]] : term_at[kept[k]] + term_size[kept[k]]] for k in range(K)]
    matrix = np.zeros((K, NCOLS))
    cdef double[:, ::1] x = matrix

    # _span_columns
    cdef int64_t body0 = n_head + 1, body_n = n - body0, denom = body_n if body_n > 1 else 1
    cdef vector[int64_t] sentence
    sentence.assign(n + 1, 0)
    for i in range(n):
        sentence[i + 1] = sentence[i] + ((flags[i] & SENTENCE_END) != 0)
    cdef int64_t first_body = n + 1, last_body = -1, sn
    for k in range(n_occ):
        if o_s[k] >= n_head:
            sn = sentence[o_s[k]]
            if sn < first_body:
                first_body = sn
            if sn > last_body:
                last_body = sn
    cdef vector[double] first_pos, last_pos
    first_pos.assign(m, <double>body_n)
    last_pos.assign(m, -1.0)
    cdef vector[int64_t] lead, both, lefts, rights, title_chunk, in_first, in_last, n_sent, last_sent
    lead.assign(m, 0)
    both.assign(m, 0)
    lefts.assign(m, 0)
    rights.assign(m, 0)
    title_chunk.assign(m, 0)
    in_first.assign(m, 0)
    in_last.assign(m, 0)
    cdef vector[int64_t] low_l, high_l, word_l, low_r, high_r, word_r
    low_l.assign(m, 0x110000)
    low_r.assign(m, 0x110000)
    high_l.assign(m, -1)
    high_r.assign(m, -1)
    word_l.assign(m, 0)
    word_r.assign(m, 0)
    cdef bint left, right, title_occ
    cdef int64_t s, e, near
    cdef double pos
    for k in range(n_occ):
        s, e, t = o_s[k], o_e[k], o_id[k]
        left = s == 0 or not (flags[s - 1] & CONTENT)
        right = not (flags[e] & CONTENT)
        title_occ = s < n_head
        if not title_occ:
            pos = <double>(s - body0)
            if pos < first_pos[t]:
                first_pos[t] = pos
            if pos > last_pos[t]:
                last_pos[t] = pos
            if offs[s] - offs[body0] < LEAD_CHARS:
                lead[t] += 1
            if sentence[s] == first_body:
                in_first[t] += 1
            if sentence[s] == last_body:
                in_last[t] += 1
        elif left and right:
            title_chunk[t] += 1
        if left and right:
            both[t] += 1
        lefts[t] += left
        rights[t] += right
        near = codes[offs[s] - 1] if offs[s] > 0 else 10
        low_l[t] = min(low_l[t], near)
        high_l[t] = max(high_l[t], near)
        word_l[t] += word_char(near)
        near = codes[offs[e]] if offs[e] < L else 10
        low_r[t] = min(low_r[t], near)
        high_r[t] = max(high_r[t], near)
        word_r[t] += word_char(near)
    # distinct sentences per term: occurrences by start (counting sort), sentences then never decrease
    cdef vector[int64_t] by_start, bucket
    bucket.assign(n + 1, 0)
    for k in range(n_occ):
        bucket[o_s[k] + 1] += 1
    for i in range(n):
        bucket[i + 1] += bucket[i]
    by_start.resize(n_occ)
    for k in range(n_occ):
        by_start[bucket[o_s[k]]] = k
        bucket[o_s[k]] += 1
    n_sent.assign(m, 0)
    last_sent.assign(m, -1)
    for j in range(n_occ):
        k = by_start[j]
        t, sn = o_id[k], sentence[o_s[k]]
        if last_sent[t] != sn:
            last_sent[t] = sn
            n_sent[t] += 1
    cdef double seen_k, fp
    for k in range(K):
        t = kept[k]
        seen_k = <double>(seen[t] if seen[t] > 1 else 1)
        fp = first_pos[t] / denom
        x[k, 0] = lead[t] > 0
        x[k, 1] = fp
        x[k, 2] = both[t] / seen_k
        x[k, 3] = lefts[t] / seen_k
        x[k, 4] = rights[t] / seen_k
        x[k, 5] = title_chunk[t] > 0
        x[k, 6] = verb_head[t]
        x[k, 7] = verb_head[t] and title_seen[t] > 0
        x[k, 8] = not strict_term[t]
        x[k, 9] = seen[t] >= 2 and low_l[t] == high_l[t] and word_l[t] == seen[t]
        x[k, 10] = seen[t] >= 2 and low_r[t] == high_r[t] and word_r[t] == seen[t]
        x[k, 11] = last_pos[t] / denom - fp if last_pos[t] >= 0 else 0.0
        x[k, 12] = <double>n_sent[t]
        x[k, 13] = in_first[t] > 0
        x[k, 14] = in_last[t] > 0

    # _term_columns, one occurrence (the first kept one) of each term
    cdef vector[int64_t] ks, ke, ksize, kchars
    ks.resize(K)
    ke.resize(K)
    ksize.resize(K)
    kchars.resize(K)
    for k in range(K):
        j = first_occ[kept[k]]
        ks[k], ke[k] = o_s[j], o_e[j]
        ksize[k] = ke[k] - ks[k]
        kchars[k] = offs[ke[k]] - offs[ks[k]]
    cdef vector[int64_t] word_count
    word_count.assign(V, 0)
    for i in range(n):
        word_count[wid[i]] += 1
    ranked_ids = np.empty(n, dtype=np.int64)
    cdef int64_t[::1] rseq = ranked_ids
    cdef Py_ssize_t n_ranked = 0
    for i in range(n):
        if (flags[i] & CONTENT) and not (flags[i] & STOP):
            rseq[n_ranked] = wid[i]
            n_ranked += 1
    rank_arr = np.zeros(V)
    cdef double[::1] rank_of = rank_arr
    textrank(rseq[:n_ranked], V, rank_of)
    cdef vector[double] cum_rank
    cum_rank.assign(n + 1, 0.0)
    for i in range(n):
        if (flags[i] & CONTENT) and not (flags[i] & STOP):
            cum_rank[i + 1] = cum_rank[i] + rank_of[wid[i]]
        else:
            cum_rank[i + 1] = cum_rank[i] + 0.0
    # words of each candidate: distinct parts counted per multi-word term; the rarest word's count
    cdef vector[int64_t] contained_w, min_count, person
    contained_w.assign(V, 0)
    min_count.assign(K, 0)
    cdef int64_t wc, lowest
    cdef bint repeat
    for k in range(K):
        lowest = -1
        for c in range(ksize[k]):
            wc = word_count[wid[ks[k] + c]]
            if lowest < 0 or wc < lowest:
                lowest = wc
            if ksize[k] > 1:
                repeat = False
                for j in range(c):
                    if wid[ks[k] + j] == wid[ks[k] + c]:
                        repeat = True
                if not repeat:
                    contained_w[wid[ks[k] + c]] += 1
        min_count[k] = lowest
    person.assign(n + 1, 0)
    for i in range(n):
        person[i + 1] = person[i] + ((flags[i] & PERSONISH) != 0)
    cdef vector[int64_t] non_ascii
    non_ascii.assign(L + 1, 0)
    for i in range(L):
        non_ascii[i + 1] = non_ascii[i] + (codes[i] > 127)

    # _string_counts: two- and three-character terms as n-grams of the sorted trigrams
    cdef vector[double] string_count
    string_count.resize(K)
    cdef vector[uint64_t] keys
    cdef uint64_t pair_key, low_key, high_key, last_pair
    cdef int64_t at, ngrams
    if L < 3:
        for k in range(K):
            string_count[k] = <double>seen[kept[k]]
    else:
        keys.resize(L - 2)
        for i in range(L - 2):
            keys[i] = (<uint64_t>codes[i] << 42) | (<uint64_t>codes[i + 1] << 21) | codes[i + 2]
        sort(keys.begin(), keys.end())
        last_pair = (<uint64_t>codes[L - 2] << 21) | codes[L - 1]
        for k in range(K):
            at = offs[ks[k]]
            pair_key = (<uint64_t>codes[at] << 21) | codes[min(at + 1, L - 1)]
            if kchars[k] == 2:
                low_key, high_key = pair_key << 21, (pair_key + 1) << 21
            else:
                low_key = (pair_key << 21) | codes[min(at + 2, L - 1)]
                high_key = low_key + 1
            ngrams = (lower_bound(keys.begin(), keys.end(), high_key)
                      - lower_bound(keys.begin(), keys.end(), low_key))
            if kchars[k] == 2 and pair_key == last_pair:
                ngrams += 1
            if kchars[k] == 2 or kchars[k] == 3:
                string_count[k] = <double>ngrams
            elif kchars[k] > 3 and ngrams > seen[kept[k]]:
                string_count[k] = <double>joined.count(terms[k])
            else:
                string_count[k] = <double>seen[kept[k]]

    # _idf_columns: cached per term and split
    cdef vector[double] idf, bg_idf
    idf.resize(K)
    bg_idf.resize(K)
    cdef int64_t split
    cdef object row
    cdef const double* v
    cdef double[8] fresh
    for k in range(K):
        split = 0
        for c in range(ksize[k]):
            split += lens[ks[k] + c] << (5 * c)
        row = _idf_cache.get(terms[k])
        if row is None or (<const double*> PyBytes_AS_STRING(row))[0] != <double>split:
            fresh[0] = <double>split
            phrase_idf(terms[k], words, ks[k], ke[k], fresh + 1)
            row = PyBytes_FromStringAndSize(<char*> fresh, sizeof(fresh))
            if len(_idf_cache) > cache_max:
                _idf_cache.clear()
            _idf_cache[terms[k]] = row
        v = <const double*> PyBytes_AS_STRING(row)  # split, idf, known, bg_idf, bg_known, bg_head, bg_first, bg_min
        idf[k], bg_idf[k] = v[1], v[3]
        x[k, 18] = v[1] / MAX_IDF
        x[k, 25] = v[2]
        x[k, 32] = v[3] / BG_MAX
        x[k, 33] = v[4]
        x[k, 38] = v[5] / BG_MAX
        x[k, 39] = v[6] / BG_MAX
        x[k, 40] = v[7] / BG_MAX

    # _nesting: a term inside a longer kept one as a run of its words
    cdef vector[double] inside, holds
    inside.assign(K, 0.0)
    holds.assign(K, 1.0)
    cdef int64_t a, b, inner
    cdef double share
    for k in range(K):
        for a in range(MAXT):
            for b in range(a + 1, MAXT + 1):
                if ksize[k] < b or (a == 0 and ksize[k] == b):
                    continue
                t = term_id(cp, table, term_at, term_size, offs[ks[k] + a], offs[ks[k] + b] - offs[ks[k] + a], False)
                if t < 0:
                    continue
                inner = kept_at[t]
                if inner < 0:
                    continue
                share = string_count[k] / (string_count[inner] if string_count[inner] > 1 else 1.0)
                if share > 1.0:
                    share = 1.0
                if share > inside[inner]:
                    inside[inner] = share
                if share < holds[k]:
                    holds[k] = share

    # the rest of _term_columns
    cdef str title_text = joined[: offs[n_head]]
    cdef vector[double] weighted_idf, weighted_bg, textrank_raw
    weighted_idf.resize(K)
    weighted_bg.resize(K)
    textrank_raw.resize(K)
    cdef double count, weighted
    cdef bint in_title, title_sub
    for k in range(K):
        t = kept[k]
        s, e, size = ks[k], ke[k], ksize[k]
        count = <double>seen[t] - <double>title_seen[t]
        in_title = title_seen[t] > 0
        weighted = count + TITLE_BOOST * in_title
        weighted_idf[k] = weighted * idf[k]
        weighted_bg[k] = weighted * bg_idf[k]
        textrank_raw[k] = (cum_rank[e] - cum_rank[s]) / sqrt(<double>size)
        x[k, 17] = count
        x[k, 19] = in_title
        x[k, 20] = in_title and count > 0
        x[k, 21] = <double>size
        x[k, 22] = size == 1
        x[k, 23] = <double>(kchars[k] if kchars[k] < MAX_CHARS else MAX_CHARS) / <double>MAX_CHARS
        x[k, 24] = 0.0 if size > 1 else <double>contained_w[wid[s]]
        x[k, 26] = string_count[k]
        x[k, 27] = count / <double>(min_count[k] if min_count[k] > 1 else 1)
        x[k, 28] = (flags[e - 1] & VN) != 0
        x[k, 29] = non_ascii[offs[e]] == non_ascii[offs[s]]
        x[k, 30] = size == 1 and (flags[s] & POS_SINGLE) != 0
        x[k, 31] = person[e] > person[s]
        title_sub = in_title or (offs[n_head] > 0 and terms[k] in title_text)
        x[k, 34] = title_sub
        x[k, 35] = inside[k] >= 1
        x[k, 36] = inside[k]
        x[k, 37] = holds[k]
        x[k, 42] = <double>kchars[k] / <double>(offs[n_head] if offs[n_head] > 1 else 1) if title_sub else 0.0
        x[k, 45] = size > 1 and (flags[s] & PLAIN_VERB) != 0
    cdef double[::1] wi = <double[:K]> weighted_idf.data()
    cdef double[::1] wb = <double[:K]> weighted_bg.data()
    cdef double[::1] tr = <double[:K]> textrank_raw.data()
    scale(x, 15, wi)
    scale(x, 16, tr)
    scale(x, 41, wb)
    rank_column(x, 43, wi)
    rank_column(x, 44, wb)

    # numpy's log1p over one contiguous copy of the count columns, as the reference applies it
    logs = np.empty(4 * K)
    cdef double[::1] lg = logs
    for c in range(4):
        for k in range(K):
            lg[c * K + k] = x[k, LOG_COLS[c]]
    np.log1p(logs, out=logs)
    for c in range(4):
        for k in range(K):
            x[k, LOG_COLS[c]] = lg[c * K + k]
    return terms, matrix


def name_tokens(words):
    """(start, end, word) of the words tagged nr or nrfg in a tagging ((word, tag) pairs), offsets into the joined words:
    the scan of ``entity_people.name_tokens``, which it equals."""
    cdef Py_ssize_t pos = 0, n
    cdef list out = []
    for pair_ in words:
        word = pair_[0]
        n = len(word)
        if pair_[1] == "nr" or pair_[1] == "nrfg":
            out.append((pos, pos + n, word))
        pos += n
    return out
