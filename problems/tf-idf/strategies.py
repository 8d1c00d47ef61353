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


@st.composite
def written(draw, word: str) -> str:
    """``word`` as a sentence may write it: in lower, Title or UPPER case, with punctuation around."""
    case = draw(st.sampled_from((str.lower, str.capitalize, str.upper)))
    return draw(st.sampled_from(OPENERS)) + case(word) + draw(st.sampled_from(CLOSERS))


@st.composite
def documents(draw, max_words: int = 10):
    """A document and the lowercase words it is made of: ``(text, words)``."""
    words = draw(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=max_words))
    text = draw(written(words[0]))
    for word in words[1:]:
        text += draw(st.sampled_from(SEPARATORS)) + draw(written(word))
    return text, words


def corpora(max_documents: int = 6):
    """A corpus of 1 to ``max_documents`` documents, each as ``(text, words)``."""
    return st.lists(documents(), min_size=1, max_size=max_documents)
