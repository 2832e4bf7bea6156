"""Imports point one way: no cycles between the package's modules, none into the CLI.

Counted with ``tools/import_cycles.py``, which sees imports inside functions too (a lazy
import ties two modules together as much as one at the top) but not ``TYPE_CHECKING`` ones.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import import_cycles  # noqa: E402


def test_no_import_cycles() -> None:
    edges = import_cycles.graph(ROOT)
    assert "assistant.llm.answering" in edges and "assistant.cli.eval" in edges   # the graph is real
    assert import_cycles.cycles(edges) == []


def test_cycle_finder_sees_lazy_imports() -> None:
    # the two cycles the llm/cli split removed, written the way they were (imports inside functions)
    edges = {"a.config": {"a.llm": False}, "a.llm": {"a.config": True, "a.prompting": False},
             "a.prompting": {"a.config": True}, "a.x": {}}
    assert import_cycles.cycles(edges) == [["a.config", "a.llm", "a.prompting"]]


def test_library_modules_do_not_import_the_cli() -> None:
    edges = import_cycles.graph(ROOT)
    front_ends = ("assistant.cli", "assistant.tui", "assistant.__main__")
    offenders = {m: sorted(d for d in deps if d.startswith("assistant.cli"))
                 for m, deps in edges.items() if not m.startswith(front_ends)}
    assert {m: d for m, d in offenders.items() if d} == {}


def test_config_and_llm_do_not_print() -> None:
    """Terminal output is the CLI's: the library's LLM modules and config import no rich."""
    for path in [*sorted((ROOT / "assistant" / "llm").glob("*.py")), ROOT / "assistant" / "config.py",
                 ROOT / "assistant" / "verify.py"]:
        assert "rich" not in path.read_text(encoding="utf-8"), path


def test_python_dash_m_assistant(tmp_path: Path) -> None:
    env = dict(os.environ, ASSISTANT_CACHE_DIR=str(tmp_path), PYTHONPATH=str(ROOT))
    p = subprocess.run([sys.executable, "-m", "assistant", "show", "2.21", "--json"], cwd=ROOT, env=env,
                       capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert p.returncode == 0, p.stderr
    assert '"id": "2.21"' in p.stdout


def test_ask_json_imports_no_terminal_libraries(tmp_path: Path) -> None:
    """``ask --json`` prints JSON only: rich, Textual, httpx and numpy.ma (which ``np.unique``
    pulls in) are start-up time it does not need. The answer is checked so the run is real."""
    code = ("import io, json, sys, contextlib\n"
            "from assistant.cli import main\n"
            "out = io.StringIO()\n"
            "with contextlib.redirect_stdout(out):\n"
            "    code = main(['ask', '什么是塔西佗陷阱?', '--json'])\n"
            "answer = json.loads(out.getvalue())\n"
            "loaded = sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'textual', 'httpx'})\n"
            "loaded += [m for m in sys.modules if m.split('.')[:2] == ['numpy', 'ma']][:1]\n"
            "print(json.dumps({'code': code, 'mode': answer['retrieval']['mode'], 'hits': len(answer['hits']),\n"
            "                  'loaded': loaded}))\n")
    env = dict(os.environ, ASSISTANT_CACHE_DIR=str(tmp_path), PYTHONPATH=str(ROOT))
    p = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                       encoding="utf-8", timeout=300, check=False)
    assert p.returncode == 0, p.stderr
    report = json.loads(p.stdout.strip().splitlines()[-1])
    assert report["code"] == 0 and report["hits"] > 0
    assert report["loaded"] == []


def test_tui_start_imports_no_engine_before_the_app() -> None:
    """``assistant`` alone opens the TUI: parsing its command line and making the app load
    neither numpy nor the engine (a worker loads them while the app starts) nor the config file
    reader (read after ready) nor the conversation store and the corpus and result types (~20 ms
    before the first paint: imported when first used), and the other commands are still known
    to the parser."""
    code = ("import json, sys\n"
            "from assistant.cli import build_parser\n"
            "parser = build_parser([])\n"
            "args = parser.parse_args([])\n"
            "import assistant.tui.app\n"
            "assistant.tui.app.SpeechAssistantApp()\n"
            "choices = sorted(parser._subparsers._group_actions[0].choices)\n"
            "print(json.dumps({'command': args.command, 'choices': choices, 'loaded': sorted(\n"
            "    m for m in ('numpy', 'jieba', 'assistant.engine', 'assistant.bm25', 'assistant.cli.ask',\n"
            "                'assistant.config', 'tomllib', 'assistant.conversation', 'assistant.corpus',\n"
            "                'assistant.results')\n"
            "    if m in sys.modules)}))\n")
    p = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                       capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)
    assert p.returncode == 0, p.stderr
    report = json.loads(p.stdout.strip().splitlines()[-1])
    assert report == {"command": None, "choices": ["ask", "eval", "search", "show"], "loaded": []}
