"""Earlier ``assistant eval --json`` reports read back for ``--compare``.

The file is checked for everything ``evaluation.compare`` and the reports read from it
before the run starts, so a broken or foreign file is refused in one line, not after an
hour of questions with the new report lost to a ``KeyError``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .question_sets import json_problem


def _shape_problem(data: Any) -> str | None:
    """What in ``data`` a comparison could not use (Chinese), or None when it is usable."""
    if not isinstance(data, dict):
        return "顶层应为包含 summary 和 questions 的对象"
    summary, questions, meta = data.get("summary"), data.get("questions"), data.get("meta", {})
    if not isinstance(summary, dict) or not isinstance(questions, list):
        return "缺少 summary 或 questions"
    if not isinstance(meta, dict):
        return "meta 应为对象"
    by_type = summary.get("by_type", {})
    if not isinstance(by_type, dict):
        return "summary.by_type 应为对象"
    groups = {"summary.overall": summary.get("overall", {}),
              **{f"summary.by_type.{name}": g for name, g in by_type.items()}}
    for where, group in groups.items():
        if not isinstance(group, dict):
            return f"{where} 应为对象"
        for key, value in group.items():
            # Metrics are subtracted and formatted: a number or null; "retrieval" is a block.
            if not (value is None or isinstance(value, (int, float, dict))):
                return f"{where}.{key} 应为数值"
    for i, record in enumerate(questions, 1):
        if not isinstance(record, dict):
            return f"questions 第 {i} 项应为对象"
        if not isinstance(record.get("id"), str) or not record["id"]:
            return f"questions 第 {i} 项缺少字符串 id"
        if not isinstance(record.get("metrics", {}), dict):
            return f"questions 第 {i} 项的 metrics 应为对象"
    return None


def load_run_json(path: str | Path) -> dict[str, Any]:
    """Read an earlier ``--json`` report; ValueError with a one-line Chinese message when unusable."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"找不到用于比较的评测结果文件 {p}") from None
    except IsADirectoryError:
        raise ValueError(f"用于比较的 {p} 是一个目录,不是评测结果文件") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ValueError(f"无法读取评测结果文件 {p}:{e}") from None
    except json.JSONDecodeError as e:
        raise ValueError(f"评测结果文件 {p} 不是合法的 JSON(第 {e.lineno} 行:{json_problem(e)})") from None
    except RecursionError:
        raise ValueError(f"评测结果文件 {p} 嵌套层数过深,不是 assistant eval --json 生成的结果") from None
    problem = _shape_problem(data)
    if problem is not None:
        raise ValueError(f"{p} 不是 assistant eval --json 生成的结果({problem})")
    return data
