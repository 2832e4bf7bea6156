"""Modal screens: help (saved conversations: conversations.py; settings: settings.py)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button

from .broken_markdown import BrokenMarkdown

HELP = """\
## 讲话助手 · 按键

在下方输入框输入问题,按 **回车** 发送;焦点在别处时直接打字或粘贴,文字也会进入输入框。回答中的 **[1]** 等标记对应回答下面列出的原文段落。

“来源”面板(F2)列出每段原文、匹配的词和引用它的句子;选中一段按回车,或直接点击回答下的出处,即可在整篇讲话中阅读。

| 按键 | 作用 |
|---|---|
| 回车 | 发送问题 |
| Ctrl+J | 输入框内换行(部分终端也可用 Shift+回车) |
| ↑ / ↓ | 在首行/末行时调出以前的问题(输入框为空时按 ↑ 取回上一个问题修改) |
| Ctrl+L | 清空输入框(Ctrl+Z 恢复);超过 1500 字时输入框下方显示字数,上限 2000 字 |
| Ctrl+U | 删除光标前的整行(不论它在屏幕上折成几行;Ctrl+Z 恢复) |
| Esc | 取消正在生成的回答 |
| Tab / Shift+Tab | 在输入框、各个回答、来源之间切换(从输入框按 Tab 到当前回答);在回答上按回车看来源,↑ / ↓ 到上一个/下一个回答 |
| Ctrl+↑ / Ctrl+↓ | 选择上一个/下一个回答 |
| F2 | 进入来源面板(↑↓ 选择,回车阅读原文);在面板里再按一次则隐藏 |
| F3 | 浏览语料(全部讲话及大纲) |
| F4 | 保存的对话(见下;浏览语料、阅读原文时也可按) |
| F5 | 导出对话为 Markdown |
| F6 | 复制选中的回答:a 纯文本,m Markdown(引文作脚注),c 引文出处,p 原文段落(来源面板中选中的一条),s 保存到文件;Esc 或 q 关闭 |
| Ctrl+S | 把选中的回答保存为 Markdown 文件(终端不支持复制时用) |
| F8 | 切换抽取式 / 大模型回答 |
| F9 | 设置:大模型接口地址,从接口的模型列表选择模型,启动时是否打开上次的对话 |
| Ctrl+N | 新对话 |
| Ctrl+T | 重问选中的(或上一个)问题,按原来的上下文 |
| Ctrl+R | 把选中的(或上一个)问题作为新问题重问(不当作追问) |
| Ctrl+P | 命令面板(新对话、导出、切换大模型、设置、退出…) |
| F1 | 本帮助(阅读原文、浏览语料时也可按 ?) |
| Ctrl+Q | 退出 |

**阅读原文时**:Esc 或 q 返回,o 显示/隐藏大纲(显示时光标在大纲上,隐藏后回到原文),在大纲上回车跳到该节(空格折叠/展开),[ / ] 上一篇/下一篇,t 回到引文(翻到别的讲话后也回得来),/ 或 Ctrl+F 在本篇中查找(回车查找,n / N 下一处/上一处,Esc 清除)。

**保存的对话**(F4):输入文字搜索标题和问题(/ 回到搜索框),↑ / ↓ 选择,回车打开,F2 重命名(直接输入即替换原名,按 → 在原名上修改;回车保存,Esc 取消),Delete 删除(y 确定,n 或 Esc 取消),Esc 关闭。

**浏览语料时**(F3):↑/↓ 选择讲话或章节,右侧预览,回车或 r 阅读全文;直接输入文字(或先按 / 、Ctrl+F)即筛选语料:边输入边按相关度列出含这些词的段落,意思相近但不含这些词的段落另列在下方并标明;回车进入结果,回车阅读,Esc 清除搜索;Esc 或 q 返回。

**追问**:像“那第二点呢?”“还有呢?”“有什么例子?”这样的追问会结合前面的对话回答,回答上方标明“按追问理解”;有自己主题的问题按新问题回答。理解错了按 Ctrl+R 作为新问题重问;按 Ctrl+N 开始新话题。

**复制**:F6 复制的是选中的回答(Ctrl+↑/↓ 选择);引文和原文段落取来源面板中光标所在的一条。复制通过终端的 OSC 52 功能写入剪贴板,不支持它的终端(如 macOS 自带终端)请用 Ctrl+S 或 F6 s 保存到文件,提示中会给出文件路径。

**大模型回答**:大模型的回答若没有一条引用得到核实,下面会附上抽取式回答,标明“大模型回答未经核实,以下为讲话原文”。

对话在每次回答后自动保存,可用 F4 重新打开;启动时自动打开上次的对话(可在设置 F9 中关闭)。

**设置**(F9):填写接口地址后回车(或 Ctrl+L)获取模型列表,↑/↓ 选择后回车,Ctrl+S 保存到配置文件,Esc 关闭(不保存);密钥只从环境变量读取,不显示也不写入文件。
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,f1,question_mark", "dismiss", "关闭")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box", classes="dialog"):
            yield BrokenMarkdown(HELP)
            yield Button("关闭", id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#help-box").border_title = "帮助"

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss()
