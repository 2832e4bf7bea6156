"""Property tests of the citation checker (issue 7): random Unicode model replies with
random citation markers in every form the checker reads.

For any reply and any set of sources: no exception; every citation left in the text, in the
sentences and in ``cited`` names a real source; the removed markers are exactly the
out-of-range numbers, in order of first appearance; the words of the reply are kept.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.text_analysis import squash
from assistant.verify import check_citations

FAST = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])

# Free text never forms a marker by accident: no brackets of any kind and no digits (Python's
# \d matches every Unicode decimal digit, so those are excluded by category).
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Nd", "Cs"),
                                      blacklist_characters="[]［］【】"), max_size=30)
CJK_TEXT = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), max_size=30)
PUNCT = st.sampled_from(["。", "!", "?", ";", "\n", "“", "”", "「", "」", "……", " ", ""])
NUMBER = st.integers(min_value=0, max_value=12)
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@st.composite
def marker(draw: st.DrawFn) -> tuple[str, list[int]]:
    nums = draw(st.lists(NUMBER, min_size=1, max_size=3))
    form = draw(st.sampled_from(["plain", "list", "list-dun", "lenticular", "full-width", "named", "spaced"]))
    if form == "plain" or len(nums) == 1 and form.startswith("list"):
        return "".join(f"[{n}]" for n in nums), nums
    if form == "list":
        return "[" + ",".join(map(str, nums)) + "]", nums
    if form == "list-dun":
        return "[" + "、".join(map(str, nums)) + "]", nums
    if form == "lenticular":
        return "【" + ",".join(map(str, nums)) + "】", nums
    if form == "full-width":
        return "［" + ",".join(str(n).translate(FULL_WIDTH) for n in nums) + "］", nums
    if form == "named":
        return "[" + ",".join(f"资料 {n}" for n in nums) + "]", nums
    return "[ " + " , ".join(map(str, nums)) + " ]", nums


@st.composite
def reply(draw: st.DrawFn) -> tuple[str, list[int], str]:
    """(reply, marker numbers in order, the reply's text without markers)."""
    parts: list[str] = []
    numbers: list[int] = []
    plain: list[str] = []
    for _ in range(draw(st.integers(min_value=0, max_value=12))):
        kind = draw(st.sampled_from(["text", "cjk", "punct", "marker"]))
        if kind == "marker":
            text, nums = draw(marker())
            numbers += nums
        else:
            text = draw({"text": TEXT, "cjk": CJK_TEXT, "punct": PUNCT}[kind])
            plain.append(text)
        parts.append(text)
    return "".join(parts), numbers, "".join(plain)


SOURCES = st.dictionaries(st.integers(min_value=1, max_value=8),
                          st.one_of(CJK_TEXT, st.just("作风建设是一项长期的战略任务。干部要转变作风。")),
                          min_size=1, max_size=6)


@FAST
@given(reply(), SOURCES)
def test_citation_invariants(generated: tuple[str, list[int], str], sources: dict[int, str]) -> None:
    text, numbers, plain = generated
    r = check_citations(text, sources)

    out_of_range = list(dict.fromkeys(n for n in numbers if n not in sources))
    in_range = list(dict.fromkeys(n for n in numbers if n in sources))
    assert r.removed_markers == out_of_range
    assert r.cited == in_range
    left = [int(n) for n in re.findall(r"\[(\d+)\]", r.text)]
    assert set(left) <= set(sources) and set(left) == set(in_range)
    for s in r.sentences:
        assert set(s.citations) <= set(sources)
        assert not re.search(r"\[\d+\]", s.text)
    assert set(r.citation_supported) <= set(r.cited)
    # The checker removes and normalises markers, never the words around them.
    assert squash(re.sub(r"\[\d+\]", "", r.text)) == squash(plain)
    assert check_citations(text, sources) == r


@FAST
@given(st.text(max_size=300), SOURCES)
def test_any_unicode_reply(text: str, sources: dict[int, str]) -> None:
    r = check_citations(text, sources)
    assert set(r.cited) <= set(sources)
    assert not set(r.removed_markers) & set(sources)
    assert {int(n) for n in re.findall(r"\[(\d+)\]", r.text)} <= set(sources)
    assert all(s.supported in (True, False, None) for s in r.sentences)
    assert all(s.score is None or 0.0 <= s.score <= 1.0 for s in r.sentences)
