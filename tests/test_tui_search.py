"""Search inside the TUI: the corpus browser's search (through the engine) and find in the reader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_tui import make_app, open_screen, ready, screen_text, wait_for

from assistant.engine import Engine
from assistant.results import Hit
from assistant.tui.browser import CorpusBrowserScreen
from assistant.tui.find import FindState
from assistant.tui.reader import ReaderScreen, UnitView, dom_id


def test_find_state_steps_and_wraps(engine: Engine) -> None:
    speech = engine.corpus.speech(2)
    state = FindState.search(speech.units, " 塔西佗陷阱 ", engine.highlight_spans)
    assert state.query == "塔西佗陷阱" and len(state.matches) >= 2
    first = state.at()
    assert first is not None and "塔西佗陷阱" in engine.corpus.unit(first.unit_id).text[first.start:first.end]
    assert state.step(-1) == state.matches[-1]     # wraps backwards
    assert state.step(1) == first
    assert "第 1/" in state.label()
    assert FindState.search(speech.units, "没有这个词组XYZ", engine.highlight_spans).label() == "找不到「没有这个词组XYZ」"


async def test_reader_find_with_n_and_shift_n(tmp_path: Path, engine: Engine) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        app.open_source("2.1", [])
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await pilot.press("slash")
        await pilot.press(*"塔西佗", "enter")
        await pilot.pause(0.2)
        matches = reader.find.matches
        assert len(matches) >= 2
        assert reader.at == matches[0].unit_id and "第 1/" in reader.sub_title
        view = reader.query_one(f"#{dom_id(matches[0].unit_id)}", UnitView)
        assert (matches[0].start, matches[0].end, True) in view.found
        assert view.query_one(".unit-text").visual.plain == view.unit.text   # type: ignore[attr-defined]
        # the current match is on screen
        text = reader.query_one("#reader-text")
        assert view.region.overlaps(text.region)
        await pilot.press("n")
        assert reader.find.current == 1 and reader.at == matches[1].unit_id and "第 2/" in screen_text(app)
        await pilot.press("N", "N")
        assert reader.find.current == len(matches) - 1      # wrapped to the last
        await pilot.press("escape")                           # clears the find, stays in the reader
        assert app.screen is reader and not reader.find.matches
        bar = reader.query_one("#find-bar")
        assert not bar.display and app.focused is text        # the bar closed with it: Tab and Enter
        await pilot.press("tab", "enter")                     # cannot find the old text again
        assert not reader.find.matches and not bar.display
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is app.chat_screen)


async def searched(pilot: Any, query: str) -> CorpusBrowserScreen:
    """The corpus browser (F3) once the app is ready, after / QUERY Enter has listed hits."""
    await ready(pilot)
    browser = await open_screen(pilot, "f3", CorpusBrowserScreen)
    await pilot.press("slash", *query, "enter")
    await wait_for(pilot, lambda: bool(browser.hits))
    return browser


async def test_browser_search_lists_engine_hits_and_opens_reader(tmp_path: Path, engine: Engine) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        browser = await searched(pilot, "塔西佗陷阱")
        # the same ranking as `assistant search`, the paragraphs holding the words
        assert [h.unit.id for h in browser.hits] == [h.unit.id for h in engine.search("塔西佗陷阱", k=20) if h.matched]
        assert browser.hits[0].unit.id == "2.21"
        text = screen_text(app)
        assert "「塔西佗陷阱」" in text and "2.21" in text
        assert not browser.query_one("#corpus-tree").display
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert app.screen.target.id == "2.21" and app.screen.mark
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is browser)
        await pilot.press("escape")                      # clears the search: the outline is back
        assert browser.query_one("#corpus-tree").display and not browser.hits
        assert app.screen is browser
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is app.chat_screen)


async def test_typing_in_the_browser_filters_without_slash(tmp_path: Path, engine: Engine) -> None:
    """Typed with the outline focused (no / first), the words go into the search box and the
    list filters as they come, the focus staying in the box; Enter moves into the results.
    Before, such keys did nothing."""
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        browser = await open_screen(pilot, "f3", CorpusBrowserScreen)
        tree = browser.query_one("#corpus-tree")
        assert app.focused is tree
        await pilot.press(*"墨菲定律")
        await wait_for(pilot, lambda: bool(browser.hits))
        box = browser.query_one("#browser-search")
        assert box.value == "墨菲定律" and app.focused is box
        assert not tree.display and browser.query_one("#search-results").display
        assert all(h.matched for h in browser.hits)
        await pilot.press("enter")
        await pilot.pause(0.1)
        assert app.focused is browser.query_one("#search-results")
        await pilot.press("r")                      # still the key the footer names: read
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))


async def test_browser_lists_semantic_neighbours_apart(tmp_path: Path, engine: Engine,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A paragraph the engine ranks for its meaning alone (none of the words in it, as hybrid
    ranking gives) is not listed among the text matches: it comes after them, under a label."""
    real = engine.search

    def hybrid(query: str, k: int = 10) -> list[Hit]:
        hits = real(query, k)
        if query != "塔西佗陷阱":   # as typed, before the last character
            return hits
        neighbour = engine.corpus.get("1.8")
        assert neighbour is not None and all(h.unit.id != "1.8" for h in hits)
        return [hits[0], Hit(neighbour, 0.9, engine.corpus.speech(neighbour.speech_no).title, []), *hits[1:]]

    monkeypatch.setattr(engine, "search", hybrid)
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        browser = await searched(pilot, "塔西佗陷阱")
        ids = [h.unit.id for h in browser.hits]
        assert ids[-1] == "1.8" and ids[0] == "2.21"
        assert all(h.matched for h in browser.hits[:-1])
        text = screen_text(app)
        assert "意思相近" in text and "另有 1 段意思相近" in text
        results = browser.query_one("#search-results")
        label_row = [i for i in range(results.option_count) if results.get_option_at_index(i).disabled]
        assert label_row == [len(ids) - 1]          # the label sits between the two lists
        results.highlighted = results.option_count - 1
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert app.screen.target.id == "1.8"
