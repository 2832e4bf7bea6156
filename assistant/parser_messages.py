"""tomllib's and PyYAML's error messages in Chinese, where a common one says something simple.

The rest keep the parser's English words after ``解析器提示:``, so a reader can tell whose
words they are. The position (line, column) is the caller's to give: it is not in ``detail``.
"""

from __future__ import annotations

import re

PARSER_SAYS = "解析器提示:"

_CJK = re.compile(r"[\u4e00-\u9fff]")

# (pattern on the parser's message, Chinese); a group's text is put in for {0}.
_TOML: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), zh) for p, zh in (
    (r"^Illegal character '\\n'", "字符串在行尾之前没有结束(缺少引号?)"),
    (r"^Illegal character (.+)$", "非法字符 {0}"),
    (r"^Unclosed array", "数组没有闭合(缺少 ]?)"),
    (r"^Unclosed inline table", "内联表没有闭合(缺少 }?)"),
    (r"^Unterminated string", "字符串没有结束(缺少引号?)"),
    (r"^Invalid value", "值的写法不对(字符串要加引号)"),
    (r"^Cannot overwrite a value", "同一个键写了两次"),
    (r"^Cannot declare .* twice", "同一个表声明了两次"),
    (r"^Expected ']' at the end of a table declaration", "表名缺少 ]"),
    (r"^Expected '=' after a key", "键后面缺少 ="),
    (r"^Expected newline or end of document after a statement", "一行只能写一个键值对,这里有多余的内容"),
    (r"^Unescaped '\\' in a string", "字符串里的反斜杠没有转义(写成 \\\\,或用单引号)"),
    (r"^Invalid initial character for a key part", "键名的写法不对"),
))

_YAML: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), zh) for p, zh in (
    (r"^expected ',' or '\]'", "缺少逗号或 ](列表没有闭合?)"),
    (r"^expected ',' or '\}'", "缺少逗号或 }(映射没有闭合?)"),
    (r"^found character '\\t' that cannot start any token", "不能用制表符缩进"),
    (r"^found character (.+) that cannot start any token", "值不能以 {0} 开头(给值加上引号)"),
    (r"^mapping values are not allowed here", "这里不能出现“键: 值”(缩进不对,或值里的冒号要加引号)"),
    (r"^found unexpected end of stream", "文件在引号或括号闭合前就结束了"),
    (r"^could not find expected ':'", "缺少冒号"),
    (r"^expected <block end>, but found", "缩进不对"),
    (r"^found unknown escape character", "反斜杠转义的写法不对"),
))


def _chinese(message: str, table: tuple[tuple[re.Pattern[str], str], ...]) -> str:
    message = message.strip()
    if _CJK.search(message):   # our own loader's words
        return message
    for pattern, zh in table:
        m = pattern.search(message)
        if m:
            return zh.format(*m.groups())
    return PARSER_SAYS + message


def toml_detail(message: str) -> str:
    """tomllib's message (without its "(at line …)" position) in Chinese where simple."""
    return _chinese(message, _TOML)


def yaml_detail(problem: str) -> str:
    """PyYAML's ``problem`` in Chinese where simple."""
    return _chinese(problem, _YAML)
