"""The exam's corpus, and sentences written with capitals and punctuation for the checks."""

from hypothesis import strategies as st

EXAM_CORPUS = [
    "The quick brown fox jumps over the lazy dog.",
    "Lazy foxes lie low.",
    "The quick yellow bird flies high.",
    "High and low, the bird flies.",
    "A quick bird jumps over lazy dogs.",
]

# Few words, so they repeat across documents; "fox"/"foxes" and "dog"/"dogs" show stemming.
VOCABULARY = ("the", "quick", "brown", "fox", "foxes", "jumps", "over", "lazy", "dog", "dogs",
              "bird", "flies", "high", "low", "and", "a")
NEVER_WRITTEN = ("cat", "zebra")  # in no generated document

# Punctuation only at a word's ends, never inside: "don't" or "well-known" are left out,
# since the statement does not settle whether they make one token or two.
OPENERS = ("", "", "(", '"', "'")
CLOSERS = ("", "", ",", ".", "!", "?", ";", ":", ")", '"', "'", "...", ".)")
SEPARATORS = (" ", " ", "  ", "\n", "\t", " - ")  # " - " is a dash standing alone


CASES = (str.lower, str.capitalize, str.upper)

# Every way one word may be written after its separator, as one table: a document
# draws one index per word (not five choices), which makes drawing it ~4x cheaper;
# index 0 is the plainest spelling, which is where shrinking heads.
SPELLINGS = [(word, case, opener, closer, separator)
             for word in VOCABULARY for case in CASES for opener in OPENERS
             for closer in CLOSERS for separator in SEPARATORS]


def _write(indices: list[int]) -> tuple[str, list[str]]:
    text, words = "", []
    for position, index in enumerate(indices):
        word, case, opener, closer, separator = SPELLINGS[index]
        text += (separator if position else "") + opener + case(word) + closer
        words.append(word)
    return text, words


def documents(max_words: int = 10):
    """A document of 2 words or more and the lowercase words it is made of: ``(text, words)``.

    Each word in lower, Title or UPPER case, with punctuation around it. Empty and
    one-word documents are edges: they have their own check.
    """
    return st.lists(st.integers(0, len(SPELLINGS) - 1), min_size=2, max_size=max_words).map(_write)


def corpora(max_documents: int = 6):
    """A corpus of 2 to ``max_documents`` documents, each as ``(text, words)``."""
    return st.lists(documents(), min_size=2, max_size=max_documents)
