"""What kind of thing a question asks for: 谁 → a person, 哪一年 → a date (in 年), 几天 → a
number (in 天), 由谁 → who does it (a body too), 叫啥 → a term, 顺口溜 → words quoted.

answer_types says whether a text holds such a thing; this module reads only the question.
"""

from __future__ import annotations

import re

from .lazy_pattern import LazyPattern

__all__ = ["ASKS_OCCASION", "BOUNDED", "FROM_WHERE", "SESSION_ASKED", "asked_type"]

_ASKED_MEASURE = r"(?:级|钱|本|场|张|套|公里|千米|米|元|万元|亿元|亿|万|人|名|天|日|年|个月|月|小时|分钟|次|项|家|户|亩|平方米|吨|岁|倍|位|起|件|所|座|台|辆|部|批|%|％)"
# 哪些领导出席 / 哪几位嘉宾 ask for names like 谁 does; 哪些领导干部 asks for a kind of cadre.
_WHICH_PEOPLE = r"哪(?:些|几位)(?:中央|省|市|县|区)?(?:领导(?!干部|班子|机关|小组)(?:同志|人)?|负责同志|嘉宾|演员|歌手|艺术家|劳模|英模)" \
    r"|哪些(?:具体|真实|有名)的?人(?![数员口才])"   # (拿哪些具体的人当例子)
# 在哪个会上讲的 / 是在什么会议上提出的: the occasion, a meeting named (not a place).
ASKS_OCCASION = LazyPattern(r"(?:哪个|哪次|哪一次|哪场|什么|啥)(?:样的)?(?:会议|大会|座谈会|会上|会|场合)")
# 在第几次人代会上作的报告: which session of a meeting, asked by its number (the meeting's name says it).
SESSION_ASKED = LazyPattern(r"第几(?:次|届)[\u4e00-\u9fff]{0,8}?(?:会议|大会|会上|会)")
# (国际航线不少于几条 / 至少要新建几个: a bound on an amount asks a figure, whatever it counts in;
# 至少要抓好几个方面 still asks for a speech's parts.)
BOUND = r"(?:不少于|不低于|至少|超过|多于|不超过)[\u4e00-\u9fff]{0,3}?(?:几|多少)(?!个?(?:方面|部分|点|层|块))"
BOUNDED = LazyPattern(BOUND)
# 校训是哪八个字 / 口号是哪几个字: a saying's words, not a list of points (效能建设用哪几个字概括
# 要求 counts points, one character each).
_SAYING = r"(?:校训|口号|标语|题词|座右铭|格言|箴言|训词|警句)[^，,。？?]{0,4}?(?:是|为)?(哪(?:几|[两二三四五六七八九十]{1,2})个?字)"
SAYING_ASKED = LazyPattern(_SAYING)
_ANSWER_TYPES: tuple[tuple[str, LazyPattern], ...] = (
    # 编者按写了什么 / 照片拍的是什么,谁拍的: the editor's note, the photo's caption (lines of their own).
    ("note", LazyPattern(r"编者按|按语|编者的话|编者注")),
    ("caption", LazyPattern(r"照片|图片|配图|配的图|图说|摄影")),
    # 登在哪本杂志 / 哪一期 / 出处: where the text was published (before place: 登在哪).
    ("source", LazyPattern(r"(?:哪本|哪家|哪份|哪种|哪个|什么)(?:杂志|刊物|期刊|报纸|报刊|媒体|网站|报(?!告|道|送|名))|来源是|哪一?期|(?:登|刊|刊登|刊发|发表|载)在哪|出处|出自哪")),
    ("date", LazyPattern(r"哪一年|哪年|何年|何时|什么时候|哪一天|哪天|哪几天|哪几年|几月|几号|哪个月|什么时间|日期(?!间)|年份|时间是")),
    # 那场话剧叫什么名字 / 书名是什么: the name of a work, which a text gives in 《》.
    ("title", LazyPattern(r"(?:话剧|戏剧|剧目|(?<![游把马])戏|剧|书|电影|影片|作品|节目|歌曲|诗|题目|标题|全称|回忆录|文集|著作|专著|小说|传记|诗集)(?:的?(?:名字|名称|书名|剧名|片名|题目|标题|全称)|[那这]?本|[那这]?部)?(?:叫什么|是什么)(?:名字|名称|名)?"
                          r"|(?:剧|书|片|篇)名(?:是什么|叫什么|是啥)"
                          # 具体举的是哪一部: a work (哪个部门 / 哪部分 are not)
                          r"|哪(?:一|几)?部(?![分门署长委队位属件])")),
    # 引用过邓小平的哪些话 / 引了哪几句古语: words quoted, which a text gives in “”.
    # (哪几篇引了古书里的话: the question word may ask which texts quote, not which words.)
    ("quote", LazyPattern(r"(?:引用|引述|援引|引(?=过|了))(?:过|了)?[^,，。?？]{0,12}?(?:哪些|什么|哪几句|哪句|几句)?[^,，。?？]{0,8}?(?:话|名言|古语|诗句|原话|论述|语录)"
                          r"|(?:哪些|哪几句|哪句)(?:名言|古语|诗句|语录)"
                          # 老百姓编的顺口溜是怎么说的: folk words, which a text gives in “”.
                          r"|(?:顺口溜|民谣|歌谣|俗话|俗语|谚语|老话|口头禅)"
                          # 校训是哪八个字 / 口号是哪几个字: words as said, which a text gives in “”.
                          r"|" + _SAYING)),   # (原话怎么说的: the speaker's own words)
    # 给这毛病起了个啥名 / 管这种情况叫啥 / 引了个什么定律: the name a speech gives a thing (a
    # term it coins or quotes), not a person's (那位同志叫什么名字 stays a person).
    ("term", LazyPattern(r"(?:起|取)了?(?:个|一个)?(?:啥|什么)(?:名|名字|名儿)?|(?:管|把)[^,，。?？]{1,8}叫(?:做|作)?(?:啥|什么)"
                         r"|(?:现象|毛病|情况|做法|问题|状态|心态|症状|病|规律|风气|作风|这)[^,，。?？]{0,4}叫(?:做|作)?(?:啥|什么)(?!名字)"
                         r"|称(?:为|作|之为)(?:啥|什么)|命名为?(?:啥|什么)|概括为(?:啥|什么)|(?:统称|总称|合称|通称)(?:为|叫|是)?(?:啥|什么)"
                         # 专门解释了一个说法 / 给哪个词下了定义: the term a speech defines
                         r"|(?:解释|界定|定义)了?(?:一个|一下|哪个|哪些|什么|几个)?(?:说法|概念|名词|词儿?|提法|术语)"
                         r"|(?:什么|啥|哪个|哪条|哪一条)(?:定律|效应|陷阱|法则|原理|名堂|提法|名词|词儿)")),
    # 工资由谁来发 / 谁负责: who does it, a body (由县财政统一发放) as well as a person.
    # (由谁主持 / 谁来讲话: what people do at a meeting, asked of a person.)
    ("agent", LazyPattern(r"(?:由谁|归谁|谁来)(?!来?(?:主持|讲|说|谈|致辞|发言|作|做|宣读|出席|带队|率领|介绍|演))"
                          r"|谁(?:负责|承担|出钱|掏钱|买单|牵头|埋单)")),
    ("person", LazyPattern(r"是谁|谁(?!都)|哪位|哪几位|哪些人|哪几个人|哪个人|叫什么名字|姓名|全名|名字叫|叫什么|" + _WHICH_PEOPLE)),
    # 刘振华是什么职务 / 讲话人是什么身份: an office held.
    ("office", LazyPattern(r"什么职务|什么职位|什么身份|任什么职|担任什么|哪个职位|(?:职务|职位|身份)是什么")),
    # 是哪个单位的讲话 / 哪个部门牵头: an organisation, not a place (before place: 哪个单位).
    # (哪几家新闻单位: a kind of unit may stand between.)
    # (哪家公司: a company is named as a body is; 哪几家企业集团 may ask for a kind the text names.)
    # (保送到哪所学校 / 哪家医院: a school or hospital is named as a body is.)
    ("organization", LazyPattern(r"哪(?:一|几|些)?(?:个|家)?(?:[\u4e00-\u9fff]{1,2}?)?(?:单位|部门|机关|机构|组织|团体|公司)"
                                 # (去了哪家企业工作: one company; 哪几家企业集团 may ask for a kind the text names.)
                                 r"|哪一?(?:个|家)(?:[\u4e00-\u9fff]{1,2}?)?企业"
                                 r"|哪(?:一|几|些)?(?:所|家|个)(?:学校|大学|高校|院校|医院)"
                                 r"|什么(?:单位|部门|机关|机构|公司)"
                                 # (受表彰的12家企业都有哪些: bodies asked for by what they are, the question word last.)
                                 r"|(?:单位|公司|企业)(?:都|分别|主要|具体)?(?:有|是)哪(?:些|几家|几个)(?=[?？呢]|$)")),
    ("occasion", ASKS_OCCASION),
    ("place", LazyPattern(r"哪里|哪儿|什么地方|哪(?:一|几|些|[两三四五六七八九十])?(?:个|座)?(?:城市|省|市|县|区|国家|镇|乡|村|街道|地区)|哪个地方|在哪(?!几|些|[一两二三四五六七八九十\d]?(?:个|次|场)?(?:方面|环节|问题|点|条|项|种|类|会|篇|段|部分))")),
    # (分几部分 / 几个方面 count the speech's parts: no figure is asked for.)
    ("number", LazyPattern(rf"{BOUND}|多少{_ASKED_MEASURE}?|(?<![这那哪])几{_ASKED_MEASURE}(?!分)|多长|多大|多高|多远|多久|比例|百分之")),
)
# 那项活动叫什么 / 追赶目标叫什么: 叫什么 after a thing, where no person, place or work is named.
_NAMED_THING = LazyPattern(r"(?:活动|制度|工程|模式|办法|做法|行动|计划|机制|工作法|规定|政策|目标|项目|措施|经验|口号|提法|说法|理念|方针|战略)"
                           r"[^,，。?？]{0,3}(?:叫|称为|称作)(?:做|作)?(?:什么|啥)(?!人)")
# (邵区长叫什么名字 asks a person's: the place word must stand alone before 叫.)
# (交流发言的乡镇都有哪些: places asked for by what they are, the question word last.)
_NAMED_PLACE_ASKED = LazyPattern(r"(?:县|市|省|镇|乡|村|区|城市|地方)(?:的)?(?:名字|名称)?(?:叫|是)(?:什么|啥)"
                                 r"|(?:县|省|镇|乡|村|城市|乡镇|街道)(?:都|分别|主要|具体)?(?:有|是)哪(?:些|几个)(?=[?？呢]|$)")
# (两条主要河流叫什么: a river, lake or mountain, whose name says what it is: 青禾河, 白沙湖.)
_NAMED_FEATURE_ASKED = LazyPattern(r"(?:河流|河|湖泊|湖|山|水库|江|岛)(?:的)?(?:名字|名称)?(?:分别|各)?(?:叫|是)(?:什么|啥)")
_ASKS_DAY = LazyPattern(r"哪一?天|哪几天|几号|几月几日|哪个日子")
_ASKS_AGE = LazyPattern(r"多大(?:岁数|年纪|年龄)|几岁|多少岁|年龄|年纪多大|高寿")
_ASKS_HOW_LONG = LazyPattern(r"多长时间|多久|多少时间|隔多长|多长一段时间")
DURATION = "时长"   # the unit of a span of time asked for
LENGTH = "长度"   # the unit of a size asked for: 大坝有多高 / 堤防有多长 (58米, 364公里)
_ASKS_SIZE = LazyPattern(r"多(?:高|长|宽|深|厚|远)(?!时间|一段)")
CLOCK = "时刻"   # the unit of a time of day asked for
# 延长到几点 / 晚上几点开始 / 几点钟: 几点 asks the time of day, not how many points.
CLOCK_BEFORE = "到至在于从午晨夜上"
CLOCK_AFTER = r"钟|半|开始|结束|关门|开门|营业|出发|截止|发车|收车|闭馆|开馆|上班|下班|集合|到岗"
_CLOCK_ASKED = LazyPattern(rf"(?<=[{CLOCK_BEFORE}])几点|几点(?={CLOCK_AFTER})")
_ASKS_YEAR = LazyPattern(r"哪一年|哪年|何年|年份|几几年")
# (哪两个县整体脱贫: the number of places asked does not make it a count.)
_NAMED_PLACE = LazyPattern(r"哪(?:一|几|些|[两三四五六七八九十])?(?:个|座)?(?:城市|省|市|县|区|国家|镇|乡|村|街道|地区)")
# (多大比例的住户 / 占比多少: a share, which 三分之二 or 八成 gives as 85% does.)
_ASKS_PERCENT = LazyPattern(r"百分之(?:几|多少)|多少个?百分点|几个百分点|百分比是多少")
# (When no other figure is asked: 钱一共多少，占多大比例 asks a sum as well.)
_ASKS_SHARE = LazyPattern(r"多大(?:的)?比例|比例(?:是|有|为)?多(?:少|大)|占比(?:是|有|为)?多少")
_ASKS_ORDINAL = LazyPattern(r"第几([次届期批轮名位])")
_NUMBER_UNIT = LazyPattern(rf"(?:多少|几)({_ASKED_MEASURE})")

# 从哪儿说起 / 从哪里切入: where in the text it begins, not a place.
FROM_WHERE = LazyPattern(r"从哪(?:儿|里)?(?:说起|讲起|谈起|写起|切入|入手|开始|开头|起笔|引入|引起|引出)")

# 毛病出在哪里 / 关键在哪儿 / 两者区别在哪: where in a matter, i.e. what it is, not a place.
_MATTER_WHERE = LazyPattern(r"(?:(?:毛病|问题|弊端|症结|根子|根源|关键|难点|重点|差距|不足|原因|区别|不同|好处|意义|矛盾|要害|出路|"
                            r"难处|短板|优势|特点|妙处)[^，,。?？!！]{0,4}?在哪(?:里|儿)?|出在哪(?:里|儿)?)(?![个座一]|城市|省|市|县|区|国家|镇|乡|村|地区)")


_WHEN_CLAUSE = LazyPattern(r"[^，,。？?!！]*(?:多少|几)[^，,。？?!！]*(?:时|的时候)[，,](?=[^。？?]*(?:怎么|怎样|如何|什么|啥|哪))")


def asked_type(body: str, count: LazyPattern) -> tuple[str | None, str]:
    """What kind of thing a question asks for (person / date / place / number / source) and in
    which unit (几天 → 天, 哪个城市 → 地名); ``count``: the planner's 几个/多少个 pattern."""
    # (…哪里时最在意的是什么: a clause of when; 向哪些人致以问候: to whom, groups as well as people.)
    body = re.sub(r"哪(?:里|儿)(?:时|的时候)|[向给对为]哪些人", " ", FROM_WHERE.sub(" ", _MATTER_WHERE.sub(" ", body)))
    # (被问一个动作做了多少次时，他是怎么回答的: a figure inside a clause of when is not what is asked.)
    body = _WHEN_CLAUSE.sub(" ", body)
    if _ASKS_PERCENT.search(body) or (share := _ASKS_SHARE.search(body)) and not re.search(
            "多少|几", body[:share.start()] + body[share.end():]):
        return "number", "%"
    if _CLOCK_ASKED.search(body):
        return "date", CLOCK   # 末班车延长到几点: a time of day (晚上11点), not a count of points
    if ordinal := _ASKS_ORDINAL.search(body):
        return "number", "第" + ordinal.group(1)   # 第几次: 第四次 answers, 每年一次 does not
    counted = count.search(body)
    if counted and not any(p.search(body) for kind, p in _ANSWER_TYPES if kind != "number"):
        # 选调了几个人: people are counted in 名 and 位 as well (3名同志).
        return "number", "人" if body[counted.end():counted.end() + 1] == "人" else "个"
    if _NAMED_THING.search(body):
        return "term", ""   # 百名科技人员下乡的活动叫什么: a thing's name, not a person's
    if _NAMED_PLACE_ASKED.search(body):
        return "place", "地名"   # 提到的县叫什么名字: a place's name
    if _NAMED_FEATURE_ASKED.search(body):
        return "place", "地物"
    for kind, pattern in _ANSWER_TYPES:
        if pattern.search(body):
            if kind == "place":   # 哪个城市 asks for a place name; 在哪里吃 may be answered by 在食堂
                return kind, "地名" if _NAMED_PLACE.search(body) else ""
            if kind == "date" and _ASKS_YEAR.search(body):
                return kind, "年"   # 哪一年: a year (８月下旬 or 20**年 says none)
            if kind == "date" and _ASKS_DAY.search(body):
                return kind, "日"   # 哪天开的: a day (一月下旬 says none)
            if kind == "number" and _ASKS_AGE.search(body):
                return kind, "岁"   # 多大岁数: an age (教了三十二年书 is none)
            if kind == "number" and _ASKS_HOW_LONG.search(body):
                return kind, DURATION   # 多长时间巡一次: how long, or how often (每周)
            if kind == "number" and _ASKS_SIZE.search(body) and not _NUMBER_UNIT.search(body):
                return kind, LENGTH   # 拦河大坝有多高、多长: 高58米、长620米
            m = _NUMBER_UNIT.search(body) if kind == "number" else None
            return kind, m.group(1) if m else ""
    return None, ""
