"""Answer types in text: whether a sentence holds a date, a number, a place or a person.

The planner reads what kind of thing a question asks for (谁 → person, 哪一年 → date); these
checks say whether a text holds such a thing. Retrieval uses them to keep the metadata lines
that fit (a date line for 哪天), composition to decide whether the evidence answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from . import text_analysis as ta
from .asked_kinds import CLOCK, DURATION, LENGTH
from .corpus import DATELINE, Speech, Unit
from .lazy_pattern import LazyPattern
from .text_analysis import split_sentences
from .text_helpers import chinese_numeral

__all__ = ["HOLDING", "YEAR", "METADATA_TYPES", "SURNAMES", "asked_event", "counted_noun", "counted_owner", "event_variants", "fits_type", "holds_asked", "holds_office", "named_body", "names_counted", "places_named", "relative_years", "speech_says", "speech_year", "split_event", "tells_origin", "year_agrees", "years", "years_meant"]

# What a speech's own lines (speaker, date, where it was published) may answer.
METADATA_TYPES = frozenset({"person", "date", "place", "occasion", "source", "organization", "office", "note", "caption"})

# Patterns, not compiled objects: ``re.search`` compiles each on its first use (and caches it).
# Compiling them all at import cost every process ~15 ms (the person pattern alone ~10 ms),
# though most questions ask for no date, number, place or person.
_DATE = (r"(?:\d{2,4}|[〇零一二三四五六七八九]{2,4})\s*年|\d{1,2}\s*月|[一二三四五六七八九十]{1,3}月|"
         r"\d{1,2}\s*[日号]|[一二三四五六七八九十]{1,3}[日号]")
# 哪天开的 / 哪几天: a day (１月２０日 / 二十日), not a month or a season (一月下旬 / 上半年).
_DAY = r"\d{1,2}\s*[日号]|[一二三四五六七八九十]{1,3}[日号]|[初][一二三四五六七八九十]"
# 晚上11点 / 早上八点半 / 到22点 / 9时: a time of day (三点意见 is none: a numeral alone before 点 says no time).
_CLOCK_TIME = (r"(?:[早晚]上|上午|下午|中午|凌晨|夜里|[到至在于从])\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[点时]"
               r"|(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:点|时)(?:钟|半|\d{1,2}分|[前后]|整)")
# (几十 / 十几万 count; 几家 alone counts nothing: 参观了几家企业 gives no figure.)
_NUMERAL = r"(?:\d[\d.,]*|[零〇一二三四五六七八九十百千万亿两半几]*[零〇一二三四五六七八九十百千万亿两半][零〇一二三四五六七八九十百千万亿两半几]*)"
# A lone 一 before a measure word (一年里, 一项工作) says "one", not how many.
_ANY_NUMBER = (r"\d|(?<![一二三四五六七八九十百千万两])(?!一(?:年|个|项|条|次|天|件|名|人|家|周|套|所|座))"
               r"[一二三四五六七八九十百千万两]+(?:点[一二三四五六七八九十]+)?"
               r"(?:个|项|条|人|名|天|年|次|家|户|元|倍|%|亿|万|千|百|小时|分钟|公里|米|吨|亩|岁|周|所|座|台|辆|件|套)"
               r"|百分之[零〇一二三四五六七八九十百]")   # 增长百分之八点八
# A place name: a few characters that are not function words before 省/市/县/…, and not
# followed by what makes the whole a common noun (村干部, 区里, 县委, 市场). 全国, 各省, 本市
# say how far something reaches, not where it is. 国 ends few place names and many other
# words (国务院, 国家): countries are named.
_NAME_CHAR = r"[^\W\d的了和在与是我们每位有还及或对把被从向到为以等这那各全本该其此个些两几多外都也就要将某]"
# One character before 区, 市, 村, 乡, 镇 makes a common noun (地区, 城市, 农村, 城乡); before
# 省, 县, 州 it may be a name (沛县, 杭州).
# (哪几个省 / 哪个城市 ask a place's name: a venue or where a meeting was held names none.)
# (乡村 / 乡镇 / 城乡 are words of their own, no place's name: 2022年度乡村振兴.)
# (辗转六省 / 二十个省、自治区、直辖市: a count of places, or the kind of one, names none.)
# (全省城镇: no name opens with 省 or 县, the end of the one before it; 去年地区生产总值: nor with a
# year, and 地区 / 城市 / 农村 end common nouns, not names.)
_PLACE_NAME = (rf"(?:(?!(?:自治|直辖)[区市州县])(?![省县])(?!去年|今年|明年|前年){_NAME_CHAR}{{2,5}}(?<![一二三四五六七八九十两几])(?:省|(?<!城)市|县|(?<![地社小园景辖郊片山])区|(?<!乡)镇|(?<!城)乡|(?<![乡农])村|州)|(?![一二三四五六七八九十两几])(?<![一二三四五六七八九十两几]){_NAME_CHAR}(?:省|县|州))"
               r"(?![委长政场域别里级干党直属上下内外村镇])"
               r"|中国|美国|英国|法国|德国|俄罗斯|日本|韩国"
               # 在京举行 / 在南宁召开: where a meeting was held, named by the verb after it
               r"|在(?!这|那|此|会|上|中|其)[\u4e00-\u9fff]{1,5}?(?:举行|召开|开幕|闭幕|举办)")
# 青禾河、柳河 / 白沙湖: a river, lake or mountain, named only when one is asked for (主席江泽民 names none).
_FEATURE_NAME = rf"{_NAME_CHAR}{{1,4}}(?:河|湖|江|山|水库|岛|湾)(?![区段域边畔岸水道流泊长委系])"
_PLACE = (_PLACE_NAME +
          # 在中南海怀仁堂邀请…举行座谈会: where the hosts received their guests
          r"|在(?!这|那|此|其|会上|会中)[\u4e00-\u9fff]{2,6}?(?:邀请|会见|接见|集会|隆重集会)"
          # 中南海国务院小礼堂 / 人民大会堂: a venue, by what it is
          rf"|{_NAME_CHAR}{{1,8}}(?:礼堂|会堂|大厅|宾馆|饭店|会议室|会议厅|发布厅|报告厅|会议中心|广场|体育馆|剧院|剧场)"
          # 地点：… (a transcript's own line saying where)
          r"|^地点[:：]\s*\S")
# 在食堂吃 / 到会议室开: where something is done, for 在哪里 (not for 哪个城市).
_LOCATIVE = r"(?:在|到|去|于)[\u4e00-\u9fff]{1,6}?(?:里|内|上|中|吃|住|开|办|举行|召开|进行|集中)"
# A person: a name (a common surname and one or two characters) beside a title, or before
# what people do in speeches (说, 指出, 提出). jieba's part-of-speech tagger would find names
# too, but loading its dictionary costs seconds on the first 谁 question.
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚"
             "卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤俞温江习")
_TITLES = (r"(?:同志|书记|主席|总理|总书记|先生|女士|教授|部长|省长|市长|县长|区长|局长|厅长|处长|司长|主任|院士|将军|元帅|"
           r"秘书长|发言人|常委|委员|会长|社长|院长|校长|董事长|总经理|经理|记者|老师|师傅|大夫|同学|技师|工程师|班长|队长|医生|护士|民警|"
           # (退休教师王秀英 / 村民李大山: an occupation before a name, as a title is.)
           r"教师|工人|农民|村民|居民|党员|战士|司机|律师|法官|支书|志愿者|技术员)")
_PERSON = (rf"[{SURNAMES}][\u4e00-\u9fff]{{1,2}}(?:副|常务副)?{_TITLES}|{_TITLES}\s*[{SURNAMES}][\u4e00-\u9fff]{{1,2}}"
           rf"|^[{SURNAMES}][\u4e00-\u9fff]{{1,3}}$"   # a speaker line: the name alone
           rf"|^[{SURNAMES}][\u4e00-\u9fff]{{1,2}}[:：](?=\S)"   # a transcript's turn: 苏婉清：这个问题我来回答
           rf"|{_TITLES}\s+[\u4e00-\u9fff]{{2,3}}$"   # a speaker line: 县长　骆承平, a name of any surname
           r"|^(?:本报|特约)评论员$"                     # the paper's own commentator signs a comment
           rf"|[{SURNAMES}][\u4e00-\u9fff]{{1,2}}(?:曾经|曾)?(?:说过|说|指出|提出|认为|强调|讲过)"
           # 工人赵国强在团拜会上发言: a name, where, and what the person did there
           rf"|[{SURNAMES}][\u4e00-\u9fff]{{1,2}}在[^,，。]{{1,12}}?上(?:发言|讲话|致辞)"
           # (知名人士 holds 名人 but names nobody.)
           r"|(?:作家|文豪|学家|思想家|哲学家|诗人|(?<!知)名人(?!士))[\u4e00-\u9fff]{2,4}"
           # 书记尉健行主持: a title, a name of any surname, and what the person did
           rf"|{_TITLES}[\u4e00-\u9fff]{{2,3}}(?=主持|讲话|致辞|发言|说|指出|强调|出席|宣读)"
           # 王光英、万国权、何鲁丽等: names listed
           rf"|(?:[{SURNAMES}][\u4e00-\u9fff]{{1,2}}、){{2,}}[{SURNAMES}][\u4e00-\u9fff]{{1,2}}等")

# A sentence that names a thing: it coins or defines a term (命名为“血脉不畅症” / 什么是伪工作 /
# 心理学有个著名的墨菲定律), or quotes one as what something is called.
# (群众管这叫“四个一”工作法 / 老百姓叫它“菜篮子工程”: a quoted name after 叫.)
_NAMES_TERM = (r"命名为|称之为|称为|称作|叫做|叫作|被称|所谓|[”」』]是指|[”」』][\u4e00-\u9fff]{0,4}[，,]即|什么是|何谓|什么叫|概括为|简称|叫(?:它|这)?[“「]"
               r"|[\u4e00-\u9fff“”]{2,8}(?:定律|效应|陷阱|法则|原理)|“[^”]{2,10}”(?:症|病|现象|心态|问题|作风)")

# Where a text was published: a named periodical, or the paper's own dateline (本报北京…讯).
_SOURCE = r"《[^》]{1,30}》|^\(?(?:原载|原刊|转载|选自|摘自|来源|稿源|出处)|杂志|期刊|刊物|报纸|^(?:据)?本报|新华社|日报|晚报|融媒体中心|人民政府网"
# An office held: a title by a name (省长刘振华 / 刘振华省长) or the speaker's own (作为县委书记).
# (同志 / 先生 / 女士 / 记者 address a person; they are no office.)
_OFFICES = _TITLES.replace("同志|", "").replace("先生|女士|", "").replace("|记者", "")
_OFFICE = (rf"[\u4e00-\u9fff]{{0,6}}{_OFFICES}\s*[{SURNAMES}][\u4e00-\u9fff]{{1,2}}|[{SURNAMES}][\u4e00-\u9fff]{{1,2}}"
           rf"[\u4e00-\u9fff]{{0,6}}{_OFFICES}|(?:作为|身为|我是)[^，。,]{{0,10}}{_OFFICES}")
_OWN_OFFICE = rf"(?:作为|身为|我是)[^，。,]{{0,10}}{_OFFICES}"
# An organisation's name (南通市政府办公室 / 中央统战部 / 天津艺术研究所): a name before a word
# that ends the names of offices, bodies and institutions.
_ORGANISATION = (r"[\u4e00-\u9fff]{1,10}?(?:办公室|办公厅|委员会|人民政府|政府|党委|区委|县委|市委|省委|统战部|宣传部|组织部"
                 r"|外交部|国务院|集团|协会|学会|研究所|研究院|艺术馆|文化馆|大学|学院|(?<![初高])中学|(?<![中])小学|医院|公司|剧院|剧团|(?<![大格布结])局"
                 r"|(?<![大客餐门展歌舞])厅(?!长))")

_OWN_BODY = LazyPattern(r"(?:^|我|代表|向|在|和|与|及|同|、|由)(?:[全本我]?[省市县区镇乡])(?:委|政府|人民政府|人大常委会|政协|党委)$")


def _own_body(name: str) -> bool:
    """市委 / 我代表市委 / 和市政府: a body named by its level alone, the speaker's own."""
    return _OWN_BODY.search(name) is not None

_SOME = r"^(?:一些|有些|有的|不少|许多|这些|那些|各|各级|一批|多家|[一二三四五六七八九十两几\d]+家)"

# 由县财政统一发放 / 由企业设立: the doer a 由 names, of any kind.
_DONE_BY = r"由[\u4e00-\u9fff]{2,10}?(?:统一|负责|承担|发放|支付|出资|管理|组织|主持|牵头|设立|组成|举办|安排|拨付|解决)"

# A report's lead: a dateline (本报北京１月２２日讯 / 据新华社…电) or a date it opens with.
_DATED_LEAD = DATELINE + r"|\d{1,2}\s*月\s*\d{1,2}\s*日"

_HELD_AT = r"在[^,，。]{2,14}(?:召开|举行|开幕|举办)"
# 在政协第八届全国委员会常委会第２３次会议上: a meeting named (not 在会上, which names none).
_OCCASION = (r"[\u4e00-\u9fff\d”》）)]{2}(?:会议|大会|座谈会|茶话会|团拜会|常委会|联谊会|研讨会|报告会|交流会|工作会|"
             r"(?<![在本此该这那])会)(?:上|期间)")
_HELD = r"(?:会|会议)[^,。]{0,6}(?:\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*日)(?:至[^,。]{1,8})?在[^,。]{1,12}(?:召开|举行|开幕)"

# (6月20日前 is a deadline: 日前 after a day's number says by when.)
_UNDATED = r"(?<![\d一二三四五六七八九十])日前|近日|前不久|不久前|前些天|最近"
# 在春耕之前 / 年底前 / 汛期到来之前: when, by the year's seasons and holidays (for 什么时候).
_SEASON = r"(?:春耕|春节|元旦|国庆|年底|年内|汛期|入冬|开学|麦收|秋收|夏收)(?:到来)?(?:之前|以前|前|之后|以后)"

# What a figure is counted in, after 多少 / 几 (多少位, 几天).
_MEASURE_WORDS = (r"个百分点|百分点|个月|小时|分钟|公里|平方米|万元|亿元|[万亿](?:吨|人|户|亩|公里|千瓦|辆|台|件|套|册|头|只)|"
                  r"位|名|人|个|家|项|次|天|年|元|亿|万|件|所|座|台|辆|"
                  r"部|批|户|亩|吨|岁|倍|条|种|份|本|张|篇|期|套|起|场|%")

# A unit asked for and the ways a text gives it: 几天 → 1个工作日 / 3日.
_PERCENT = rf"{_NUMERAL}\s*(?:%|个百分点)|[百千万十]?分之{_NUMERAL}|{_NUMERAL}成(?!为|立|绩|果|效|本|熟|长)"
_UNIT_ALIASES = {"天": "(?:天|日|工作日)", "日": "(?:天|日|工作日)", "月": "(?:个月|月)", "个月": "(?:个月|月)",
                 "小时": "(?:小时|个小时)", "位": "(?:位|名|人)", "名": "(?:名|人|位)", "人": "(?:人|名|位)",
                 "钱": "(?:元|块|角)", "岁": "(?:周岁|岁)",
                 # (多少个妇女 → 四十多位妇女: 个 counts anything, which a text counts in its own measure.)
                 "个": "(?:个|位|名|人|家|户|项|所|座|条|件|次|处|种)",
                 "起": "(?:起|件)", LENGTH: "(?:(?<![立平]方)米|公里|千米|里|厘米|毫米)"}   # (多少起案件 → 一千六百四十件)   # 多少钱 is answered in 元, not 十五万人次


_SPAN_OF_TIME = (r"每(?:一|两|三|半)?个?(?:年|季度|季|月|周|星期|旬|天|日|小时)|年内|年底前|年末前|月底前|季度末前"
                 rf"|{_NUMERAL}(?:多|余)?\s*(?:个)?\s*(?:年|个月|月|周|星期|天|日|小时|分钟|工作日)(?:内|以内|之内|左右|时间)?")


def _unit_pattern(unit: str) -> str:
    """How a text may give a figure in the unit asked: 多少万吨 is answered in 吨 counted in
    万, 亿 or none (１２００万吨, ８００吨), never in 万块 (４４００万块砖)."""
    if len(unit) >= 2 and unit[0] in "万亿" and unit not in ("万元", "亿元"):
        return f"[万亿千百]?{re.escape(unit[1:])}"
    return _UNIT_ALIASES.get(unit, re.escape(unit))


# The word right after 谁 / 哪天 / 哪一年 names what was done (谁主持, 哪一天会见, 哪一年成立):
# the thing the question wants is that event's person or date, not any in the paragraph.
_ASKED_EVENT = (r"(?:由谁来|由谁|是谁|谁|哪(?:些|几位|一?位)[\u4e00-\u9fff]{0,2}?(?:领导|同志|嘉宾)|哪几位|哪位|哪些人|哪几个人|哪(?:一|几|些)?(?:个|家)?(?:单位|部门|机关|机构|团体|公司)|哪一?天|哪几天|哪一?年|哪几年|何时|什么时候|哪个月|几月几日|几号)"
                # (哪一年由谁最早提出的: 由谁 / 最早 say who and how, 提出 is the event.)
                # (哪天前储备好: 前 / 以前 / 之前 say by when; 储备 is the event.)
                r"(?:之前|以前|之后|以后|前|后)?"
                # (从什么时候起就一直存在: 起 / 就 / 一直 say since when and how long; 存在 is the event.)
                # (就 alone is a preposition: 哪天就危房改造讲话的 asks when he spoke on it.)
                r"(?:(?:起|开始)(?:就|才)?(?:一直)?)?"
                r"(?:在哪(?:儿|里)?|来|是|又|先|首先)?(?:由谁(?:来)?|被谁)?(?:最早|最先|首次|正式)?"
                r"([\u4e00-\u9fff]{1,2})(?![人者员])")
# 代表发言的那几位,依次都是谁: the people who did it, asked after them.
# 发言的是哪几位 / 主持的又是谁: the same, with nobody named between 的 and the question word.
_DOERS_OF = (r"([\u4e00-\u9fff]{2})的(?:(?:那|这)?(?:几|些)?(?:位|个人|人)[^?？。]{0,6}?|(?:都|又|分别)?)"
             r"(?:是谁|有谁|是哪位|是哪几位|是哪些人|有哪几位|有哪些人)")
_LIGHT_VERB_EVENT = r"谁(?:来)?[作做致](?:的|了)?([\u4e00-\u9fff]{2,4}?)(?=[^\u4e00-\u9fff]|$|呢|吗)"
# 谁讲的话 / 讲话的是谁 / 谁作的讲话 / 谁致辞: the speech's speaker, not who else spoke there (发言).
_ASKS_SPEAKER = r"讲话|讲的话|致辞"
_ASKS_WRITER = r"谁写|写的|作者|执笔|撰写|撰稿|哪位记者"
_REPORTED_BY = r"记者[^，。,：:]{0,12}报道|（记者[^）]{1,12}）|\(记者[^)]{1,12}\)"
# 省长刘振华在会上讲话 / 发表了重要讲话: a sentence saying someone gave the speech.
_GAVE_SPEECH = r"(?:在[^，。,]{0,10})?(?:发表了?(?:重要)?讲话|作了?(?:重要)?讲话|讲话[，。,]|致辞)"
# A meeting is said to be held in any of these words.
HOLDING = ("召开", "举行", "开幕", "举办")


# 哪一年开始实施: 开始 says when the event began; the event is what follows.
_ASPECT = r"(?<=年|天|时|候|月|号)(?:是)?(?:从)?(?:开始|正式|首次|最早)"


_NO_EVENT = r"[让他她它这那把被给们]"
_MODALS = frozenset({"要", "能", "会", "将", "应", "得", "需", "需要", "必须", "应该", "应当", "可以", "才能", "能够", "将要", "准备"})
# 哪天闭的幕 / 哪年入的党: a separable verb split by 的 is one event (闭幕, 入党).
_SEPARABLE = ("闭幕", "开幕", "毕业", "结业", "入党", "入团", "入伍", "参军", "结婚", "出生", "就职", "建厂", "建校")
_SPLIT_VERB = LazyPattern("|".join(f"{v[0]}的{v[1]}" for v in _SEPARABLE))


_STARTED_WORK = ("开工", "开建", "开业", "开通", "开放", "开学", "开园", "开馆", "开行", "开播")


def asked_event(question: str) -> str:
    """The event a who / when question asks about, in the question's word for it; "" if none.
    A verb of one character that only says the speech was given (谁讲的, 谁写的) names none:
    the speech's own lines answer those; 哪天开的 is a meeting held."""
    norm = re.sub(_ASPECT, "", ta.normalise(question))
    norm = _SPLIT_VERB.sub(lambda m: m.group(0).replace("的", ""), norm)
    # (什么时候要还清 / 哪天能建成: a modal says whether it must or can; the verb after it is the
    # event. Read as words, so that 会见 / 要求 keep theirs.)
    norm = "".join(t for t in ta.segment(norm) if t not in _MODALS)
    light = re.search(_LIGHT_VERB_EVENT, norm) or re.search(_DOERS_OF, norm)
    if light:
        return light.group(1)   # 谁作的总结 / 发言的那几位都是谁: what was done
    for m in re.finditer(_ASKED_EVENT, norm):
        if m.start() and norm[m.start() - 1] in "向给对为跟与同被":
            continue   # 向哪些人致以问候 / 给谁写的: to whom, not who
        word = re.split("[的了过在]", m.group(1))[0]
        if word[:1] and word[:1] in _PREPOSITIONS and (last := re.search(r"([\u4e00-\u9fff]{2})的?[?？。!！]*$", norm)):
            word = last.group(1)   # 哪天就…人选作说明的: the verb that ends the question, past what 就 governs
        if re.search("[哪几谁啥]", word) or re.match(_NO_EVENT, word):
            continue   # 哪年哪月哪天讲的: a question word again, no event (什么时候让他们… / 这段在哪儿)
        if word.startswith("开") and word not in _STARTED_WORK:
            return HOLDING[0]   # (哪天开的 / 什么时候开会: a meeting held; 开工 / 开业 are their own events)
        if word.startswith(("办", "主办")):
            return HOLDING[3]   # 哪几家单位办的: who held it
        if len(word) == 2:
            return word
        if word == "生":
            return _BORN[0]   # 哪年生的: born (生 alone, like 讲 or 写, is no event otherwise)
    return ""


_PREPOSITIONS = "就对向在把给为跟与同从于按以据由将和"
_BORN = ("出生", "诞生", "生于")
_DIED = ("去世", "逝世", "病逝", "辞世", "牺牲")   # (哪年去世的, of a text that says 病逝)
# 哪一年成为对外开放城市: a thing made what it became (被国务院批准为…, 被列为…) became it.
_BECAME = ("成为", "变成", "变为", "批准为", "列为", "确定为", "命名为", "评为", "升格为", "改为", "定为")


# (涨幅会控制在多少 / 控制在百分之几: the level a figure is to be kept at counts it too.)
_HOW_MANY = (r"(?:一共|总共|共|大概|大约|大致|具体|到底|究竟)*(?P<verb>(?:会|将|要|能|可|需|应)?(?:控制在|保持在|达到|达)|有|是|为|占了?)?"
             rf"(?:百分之几|多少个?百分点|多少|几(?={_MEASURE_WORDS}))(?:{_MEASURE_WORDS})?")
_SPAN_UNIT = r"(?:年|天|日|个月|月|小时|分钟|周|次)$"
_NOT_IN_NOUN = r"[^\u4e00-\u9fff]|的|里|中|说|了|在|上|对|和|与|给|是|有|讲|提|被|把"
_ASKING_WORDS = r"多少|几|哪|什么|啥|谁|怎"


_ADVERB_END = r"(?:分别|各自|各|一共|总共|大概|大约|到底|究竟|具体|至少|最少|最多|起码|不少于|不低于|超过|多于|不超过|将来|今后|以后|未来|最终)+$"
# Everyday words for what the speeches count in their own (老师 / 教师): the noun asked is read as said.
_SAID_AS = {"老师": ("教师",), "大夫": ("医生",), "警察": ("民警",), "孩子": ("学生", "儿童"), "工人": ("职工",)}
_PER_TIME_END = r"(?:每年|每月|每天|每季度|每周|每人|每次|全年|今年|去年|明年|当年|年均|人均)+$"
_MODAL_AFTER_NOUN = r"(?<=[\u4e00-\u9fff]{2})(?:需要|必须|应该|应当|可以|能够|将要|要|将|会|能|应|可|没有|没|尚未|未|从|向|往)"
# (多少人没解决温饱: people are counted; what they have not done is no thing counted.)
_NOT_DONE = r"(?:没有|没|尚未|未|还没|不)(?=[\u4e00-\u9fff])"
_NOT_A_THING = r"重新|再|又|都|能|会|要|被|把|给|让|来|去|东西|事情|事儿|玩意|钱"
_MOVED_TO = r"[\u4e00-\u9fff]{1,2}(?:到|至)"


def counted_noun(question: str) -> str:
    """What a how-many question counts: the words before 有多少 / 是多少 (女委员有多少位), else
    after its measure word (多少位机关干部); "" when it names none (控制在多少, 批示过多少件)."""
    norm = ta.normalise(question)
    m = re.search(_HOW_MANY, norm)
    if m is None:
        return ""
    # Only X有多少 / X是多少 count X: 批示过多少件 counts what was done, not 批示过.
    # (一次奖金多少 / 要投资多少: ending the question, 多少 asks the figure of what stands before it.)
    # (要投资多少钱: money asked for is a figure of what stands before it, as 多少 alone is.)
    ends = not m.group("verb") and m.group(0).endswith("多少") and bool(re.fullmatch(r"钱?[?？。!！\s]*(?:呢|吗|啊|呀)?[?？。!！\s]*", norm[m.end():])) \
        and len((ta.segment(norm[:m.start()]) or [""])[-1]) >= 2   # (目标降多少: a verb of one character counts nothing)
    before = re.split(_NOT_IN_NOUN, norm[:m.start()])[-1] if m.group("verb") or ends else ""
    before = re.split("要|将|会|能|应|需", before)[-1] if ends else before   # (工程要投资: 投资)
    before = re.sub(_ADVERB_END, "", before)   # (投资分别是多少: 分别 says how, not what)
    # 连续几年位列第一方阵 / 用了几天: a span of time counts itself; what follows is what happened.
    # (多少个亿元以上项目: a size that qualifies what is counted is no part of it.)
    rest = re.sub(r"^(?:[\d.]*[十百千万亿]*(?:元|吨|亩|人|平方米))?(?:以上|以下|左右)(?:的)?", "", norm[m.end():])
    after = re.split(_NOT_IN_NOUN, rest)[0] if not re.search(_SPAN_UNIT, m.group(0)) else ""
    after = re.sub("(?:来着|来的|呢|啊|呀|吧|哈)+$", "", after)   # (跑了多少个村来着: a filler ends it)
    # (多少个没出去打工的妇女: a clause before 的 says which; what is counted is the word after it.)
    # (多少农村人口的饮水问题: people are counted, whose problem was solved; the head after 的 only
    # past a clause of what they did or did not do.)
    head = re.match(rf"{re.escape(after)}的([\u4e00-\u9fff]{{2,4}}?)(?={_NOT_IN_NOUN}|$)", rest) \
        if len(after) >= 4 and re.match(rf"{_NOT_DONE}|已|在|正在|曾", after) or re.search("[了过着]", after) else None
    after = head.group(1) if head else after
    if len(after) >= 3 and rest[len(after):].startswith(("了", "过", "上")):
        # (几个单位发了言 / 几名学生考上了清华: the verb before 了 is no part of what is counted;
        # 乡镇企业上了规模: a word of its own stays whole.)
        words = ta.segment(after)
        after = "".join(words[:-1]) if len(words) >= 2 else after if rest[len(after)] == "上" else after[:-1]
    # (多少群众需要转移 / 多少人要搬迁: what is counted ends where a modal and its verb begin)
    after = re.split(_MODAL_AFTER_NOUN, after)[0] if len(after) >= 3 else after
    if re.match(_NOT_DONE, after) and re.search("[人名位]$", m.group(0)):
        return ""   # (the people are what is counted, whoever they are)
    # (帮多少人重新找到了活干 / 拿了多少钱出来 / 多少篇东西: a verb, a complement or a filler word
    # after the measure is no thing counted; 掏多少钱用在… / 从多少搞到了多少: nor is money, which
    # any sum gives, nor a verb that says where a figure went.)
    after = "" if re.match(_NOT_A_THING, after) or re.fullmatch(_MOVED_TO, after) \
        else re.sub("(?:出来|下来|起来|进去|过来)$", "", after)
    # 到97年底全国一共有几个国家级高新区: what stands after the measure word is what is counted.
    measured = re.search(rf"(?:{_MEASURE_WORDS})$", m.group(0)) is not None
    # (刘桥一矿有多少职工: X有多少Y counts Y; X有多少 alone counts X.)
    counts_after = measured or (m.group("verb") == "有" and len(after) >= 2)
    # (2003年粮食总产量 / 2023届本科毕业生: not the year, nor the class)
    noun = (after if counts_after and after else before or after).lstrip("年月日届")
    if noun in TARGET_NOUNS and norm[:m.start()].endswith(noun):
        # 粮食总产量的目标是多少: a target counts what it is set for.
        owner = norm[:m.start() - len(noun)]
        noun = re.split(_NOT_IN_NOUN, owner[:-1])[-1] if owner.endswith("的") else noun
    # (今年上半年城镇新增就业: 上 cut it off; 半年 / 一季度 say when, not what.)
    year = f"(?:{'|'.join(_RELATIVE_YEAR)}|全年|当年|上年|[〇零一二三四五六七八九]{{2,4}}年|\\d{{2,4}}年|[上下]?半年|第?[一二三四]季度|前[两三]季度)"
    # (清江省去年粮食总产量 / 南川省九七年生产总值: the place a question names says whose, not what.)
    noun = re.sub(r"^(?:[\u4e00-\u9fff]{2,4}?|[全本该])[省市县区国](?=[\u4e00-\u9fff]{3})", "", noun)
    noun = re.sub(rf"^{year}|{year}$", "", noun)   # (去年地区生产总值 / 收入去年: nor 去年)
    # (山西去年招商引资: a place with no 省 before the year; what follows the year is counted.)
    if len(inner := re.split(year, noun)[-1]) >= 2:
        noun = inner
    # (今年全乡地区生产总值 / 全镇粮食总产量: 全乡 / 本镇 too, past the year; a named 乡 or 镇 is not
    # cut, 上半年城镇 holds 镇.)
    noun = re.sub(r"^[全本该][乡镇](?=[\u4e00-\u9fff]{3})", "", noun)
    noun = re.sub(f"(?:{'|'.join(FIGURE_KINDS)})$", "", noun) or noun   # (基金规模: the fund's figure)
    if noun in SHARE_NOUNS:
        return ""   # (同意的比例是多少: any share is the figure; 同意率 says it)
    # 山西去年实际利用外资: a long phrase counts what its end names (names_counted reads its end).
    return noun if 2 <= len(noun) <= _LONG_NOUN else noun[-4:] if before and len(noun) > _LONG_NOUN else ""


# (开放型经济发展专项资金: a name this long is read whole where a text says it whole.)
_LONG_NOUN = 12
# Nouns that say only that a figure is asked (天使基金规模是多少: any figure of the fund's is it).
FIGURE_KINDS = frozenset({"规模", "金额", "数额", "总额", "数量", "总数", "额度", "总量"})   # (GDP总量: the GDP's figure)
# Nouns that name a figure as a share (同意的比例是多少: 同意率达到三分之二 gives it).
SHARE_NOUNS = frozenset({"比例", "比重", "占比", "百分比"})
# Nouns that name a figure as the one aimed at (…的目标 / 指标).
TARGET_NOUNS = frozenset({"目标", "指标", "奋斗目标", "预期目标", "目标任务"})


def counted_owner(question: str, noun: str) -> str:
    """Whose figure a how-many question asks, when a phrase names it before the counted thing
    (青岚港二期工程,总投资是多少 / 恒锐项目的总投资是多少 → 青岚港二期工程); "" when none does."""
    norm = ta.normalise(question)
    at = norm.find(noun) if noun else -1
    if at <= 0 or norm[at - 1] not in "的,，":
        return ""   # (山西去年实际利用外资: one phrase, no owner apart from it)
    owner = re.split(r"[^\u4e00-\u9fff]|里|中|提到的?|说的|讲的|介绍的|的", norm[:at].rstrip("的,，、 "))[-1]
    owner = re.sub(_PER_TIME_END, "", owner)   # (图书卡每年的额度: the card's; 每年 says how often)
    return owner if 3 <= len(owner) <= 12 and not re.search(_ASKING_WORDS, owner) else ""


def named_body(question: str) -> str:
    """A body the question names in full (海星电器集团去年赚了多少钱 → 海星电器集团), whose figure
    it asks; "" when it names none (市政府 alone is any text's own)."""
    found = [m for m in re.findall(_ORGANISATION, ta.normalise(question)) if len(m) >= 5]
    return found[0] if found else ""


# 力争 / 计划 / 目标: a sentence that sets the figure it gives as one aimed at.
AIMED_AT = LazyPattern(r"力争|争取|确保|力求|计划|预计|目标|指标")


def names_counted(noun: str, text: str, unit: str = "") -> bool:
    """Whether a sentence speaks of the counted thing and gives its figure: a short name whole
    (女委员 is not any 委员), a longer one by its last two characters (中纪委委员 → 中央纪委委员),
    with a number right before it (112名委员) or soon after (委员一百一十二人); 实际利用外资亿美元,
    a figure missing in print, gives none."""
    if not noun:
        return True
    aimed = next((t for t in TARGET_NOUNS if noun.endswith(t) and len(noun) - len(t) >= 2), "")
    if aimed:
        # (乡村旅游收入目标是多少: the income's figure, in a sentence that aims at it: 力争…突破40亿元.)
        return names_counted(noun[:-len(aimed)], text, unit) and AIMED_AT.search(text) is not None
    norm = ta.normalise(text)
    if _counted_before_owner(noun, norm):
        return True
    said_as = next((noun[:-len(w)] + v for w, vs in _SAID_AS.items() if noun.endswith(w) for v in vs
                    if noun[:-len(w)] + v in norm and noun not in norm), "")
    if said_as:
        return names_counted(said_as, text, unit)   # (招了多少名老师: 招聘教师186名)
    # 粮食总产量 is said 粮食总产 (a measure's 量 / 数 / 额 left out).
    bare = noun[:-1] if len(noun) >= 4 and noun[-1] in "量数额" and noun[:-1] in norm else ""
    # (本科毕业生 said 本科生: its first two characters and its last, some between left out.)
    short = _left_out(noun, norm) if len(noun) >= 4 and not bare and noun not in norm else ""
    said = bare or short or (noun if len(noun) <= 3 or noun in norm else noun[-2:])   # 中纪委委员 is said 中央纪委委员
    if said == noun[-2:] != noun and not _in_order(noun[:-2], norm):
        return False   # 宗教界人士有多少名: 香港人士 are others (中纪委 is still said in 中央纪委, in order)
    # 返乡创业贷款基金 said 返乡创业担保贷款基金: the name, spelt out, is the noun whole.
    spelt = _spelt_out(noun, norm) if said == noun[-2:] != noun else ""
    key = re.escape(spelt or said)
    # (…的稿费,全部捐给了…一所希望小学: past a comma, a figure is of what the next clause says;
    # ２０００多名在京老同志: a measure and a modifier may stand between.)
    # (Not when the noun is said shortened: 一百万元引导资金 is no 扶持资金.)
    gap = 5 if said == noun or spelt or short else 3
    # (120名教师被评为优秀教师 / 15所学校被评为先进集体: those counted, then named what they were made.)
    named_as = rf"{_DIGIT_OR_NUMERAL}[^。;,，]{{0,6}}?被?(?:评为|评选为|选为|授予|命名为)[^。;,，]{{0,6}}{key}"
    # (文章、文件、电报、书信、讲话等600多篇: things listed, then counted together.)
    listed = rf"{key}(?:、[^。;,，、]{{1,8}})+等{_DIGIT_OR_NUMERAL}"
    # (联系重点企业，每人至少联系5家: named, then counted in the measure asked where the clause ends.)
    elliptic = rf"{key}[^。;；]{{0,16}}?{_DIGIT_OR_NUMERAL}+{re.escape(unit)}(?:[,，。;；]|$)" if len(unit) == 1 and unit != "个" else ""
    return bool(re.search(rf"{_DIGIT_OR_NUMERAL}[^。;,，]{{0,{gap}}}{key}|{key}[^。;,，]{{0,12}}?{_DIGIT_OR_NUMERAL}|{named_as}|{listed}", norm)
                or elliptic and re.search(elliptic, norm))


def _counted_before_owner(noun: str, norm: str) -> bool:
    """抢险突击队总人数, said 总人数达到1500人的抢险突击队: the measure and its figure first, then
    (after 的) whose it is, in one clause."""
    for k in range(2, len(noun) - 1):
        owner, measure = noun[:k], noun[k:]
        if len(measure) >= 2 and re.search(rf"{re.escape(measure)}[^。;；,，]{{0,4}}?{_DIGIT_OR_NUMERAL}[^。;；,，]{{0,8}}?的{re.escape(owner)}", norm):
            return True
    return False


_DIGIT_OR_NUMERAL = r"(?:\d|[一二三四五六七八九十两])"


def _spelt_out(noun: str, text: str) -> str:
    """The shortest stretch of ``text`` that holds the chars of ``noun`` in order, begins with its
    first and ends with its last two, and adds at most four (中纪委委员 → 中央纪委委员); "" when none."""
    pattern = "".join(re.escape(c) + "[^。;,，、]{0,4}?" for c in noun[:-2]) + re.escape(noun[-2:])
    found = [m.group(0) for m in re.finditer(pattern, text) if len(m.group(0)) <= len(noun) + 4]
    return min(found, key=len, default="")


def _left_out(noun: str, text: str) -> str:
    """``noun`` as ``text`` says it with some of its middle characters left out (本科毕业生 →
    本科生): its first two and its last kept, three characters at least; "" when it does not."""
    pattern = re.escape(noun[:2]) + "".join(f"(?:{re.escape(c)})?" for c in noun[2:-1]) + re.escape(noun[-1])
    return next((m.group(0) for m in re.finditer(pattern, text) if 3 <= len(m.group(0)) < len(noun)), "")


def _in_order(chars: str, text: str) -> bool:
    """Whether each of ``chars`` stands in ``text``, in that order (中纪委 in 中央纪委)."""
    it = iter(text)
    return all(c in it for c in chars)


# A verb's result (升成 / 调到 / 评为): texts pick their own (升级为 / 调任 / 被评为).
_RESULT = "成为到上完"


def event_variants(event: str, loose: bool = False) -> tuple[str, ...]:
    """The ways a text may word the event (a meeting 召开 is also 举行); ``loose``: 升成 as any
    升… (升级为), which only a sentence that also names the question's subject may be taken to tell."""
    if event in HOLDING:
        return HOLDING
    for same in (_BORN, _DIED, _BECAME):
        if event in same:
            return same
    resulting = loose and len(event) == 2 and event[1] in _RESULT and event[0] not in _RESULT
    return (event, event[0]) if resulting else (event,)


def split_event(event: str, text: str) -> str:
    """建校, of 建起了这所学校: a verb and its object said apart in ``text`` (a few characters
    between them, in one clause), as the text says it; "" when it does not."""
    if len(event) != 2 or event in HOLDING:
        return ""
    m = re.search(f"{re.escape(event[0])}[^，。；,;！!？?]{{1,5}}?{re.escape(event[1])}", text)
    return m.group(0) if m else ""


def holds_office(name: str, text: str, gap: int = 2) -> bool:
    """Whether the text gives ``name`` an office: a title just before or after it (省长刘振华 /
    德强局长), not only somewhere in the sentence (…作为县委书记 says the speaker's); ``gap``:
    the characters a title may stand before the name (省委书记张三 / 局长何建平: 0)."""
    norm = ta.normalise(text)
    return bool(re.search(rf"{_OFFICES}\s*[\u4e00-\u9fff]{{0,{gap}}}{re.escape(name)}|{re.escape(name)}\s*(?:副|常务副)?{_OFFICES}", norm))   # (刘春燕副县长)


def places_named(text: str) -> list[str]:
    """The place names a text holds, without their 省/市/县 (宁乡县 → 宁乡: texts also say 宁乡)."""
    return [re.sub("[省市县区镇乡村州]$", "", p) for p in re.findall(_PLACE, ta.normalise(text))]


def holds_asked(answer_type: str | None, unit: str, question: str) -> Callable[[str], bool] | None:
    """Whether a text holds what the question asks for, or None when its kind alone says too
    little: a name given or words quoted (管这种情况叫啥 / 引用过哪些话: such a text is what is
    asked), else the asked event with a thing of the asked type (哪几家单位办的: 由…联合举办).
    (Not the type alone: 春晚演员都有谁 is not answered by the names of the leaders who attended,
    nor 多少钱 by a figure in 元 of another fund.)"""
    if answer_type in ("term", "quote"):
        return lambda text: fits_type(answer_type, "", [text])
    event = asked_event(question) if answer_type else ""
    if not event:
        return None
    return lambda text: event in text and fits_type(answer_type, unit, [text])   # type: ignore[arg-type]


# 陈大姐全名叫什么 / 老郑的真名: a name asked of someone the question calls otherwise.
_ASKS_FULL_NAME = LazyPattern(r"全名|全称|真名|本名|大名|姓名")


def _names_asked(found: str, asked: str) -> bool:
    """Whether a person a text names (书记陈大姐 / 陈大姐说) is one the question names itself."""
    return any(found[i:i + n] in asked for i, c in enumerate(found) if c in SURNAMES for n in (3, 2)
               if i + n <= len(found))


_ASKS_ORIGIN = LazyPattern(r"(?:哪里|哪儿|哪|(?:什么|哪个)地方)的?人|籍贯|老家(?:是|在)")
_ORIGIN = rf"[\u4e00-\u9fff]{{2,6}}人(?=[{SURNAMES}])|(?:籍贯|祖籍|老家|出生于|生于)[是在为：:]?[\u4e00-\u9fff]{{2,8}}"


def tells_origin(question: str, text: str) -> bool:
    """袁纯清是哪里人, of 湖南常德人袁纯清 / 出生于桐岭县: where a person is from, when asked."""
    return _ASKS_ORIGIN.search(ta.normalise(question)) is not None and re.search(_ORIGIN, ta.normalise(text)) is not None


def fits_type(answer_type: str, unit: str, sentences: Iterable[str], question: str = "") -> bool:
    """Whether one of the sentences holds a thing of the asked type (and unit). A place or a
    figure the ``question`` gives itself answers nothing (国定贫困县, for 哪两个县整体脱贫)."""
    asked = ta.normalise(question)
    full_name = _ASKS_FULL_NAME.search(asked) is not None
    for s in sentences:
        norm = ta.normalise(s)
        # …１月１４日电…会议日前在京召开: the date is the report's, the event's is not given.
        # (实验楼去年投入使用: a year said from the speech's own, when no day is asked.)
        if answer_type == "date" and re.search(YEAR if unit == "年" else _DAY if unit == "日" else _CLOCK_TIME if unit == CLOCK
                                               else f"{_DATE}|{_SEASON}", norm) \
                and not re.search(_UNDATED, norm) or answer_type == "date" and not unit and _RELATIVE.search(norm) \
                and not re.search("月|日|号|哪天", asked):
            return True
        if answer_type == "number":
            if unit == "%":
                if re.search(_PERCENT, norm):
                    return True
                continue
            # 几年 asks how long: a year (2016年) says when, not how many.
            counted = re.sub(YEAR, " ", norm) if unit in ("年", DURATION) else norm
            # (1039家乡镇企业集团里,亏损的有多少家: the figure the question gives answers nothing.)
            for given in set(re.findall(r"\d[\d.,]*\d|\d", asked)):
                counted = re.sub(rf"(?<![\d.,]){re.escape(given)}(?![\d.,])", " ", counted)
            # 开了几天: 5月18日 says which day, not how many.
            counted = re.sub(_MONTH_DAY, " ", counted) if unit in ("天", "日", DURATION) else counted
            if unit == DURATION:
                # (多长时间巡一次: 每周不少于1次 says how often, 三个月内 how long; 巡河2.1万余次 neither.)
                # (多长时间内要给回音: within how long; 每季度 says how often, which is not asked.)
                within = re.search(r"(?:多长时间|多久|多少时间)(?:之|以)?内", asked)
                if any(not (within and m.group(0).startswith("每")) for m in re.finditer(_SPAN_OF_TIME, counted)):
                    return True
                continue
            if unit.startswith("第") and re.search(rf"第\s*{_NUMERAL}\s*{_unit_pattern(unit[1:])}", counted):
                return True
            if unit and not unit.startswith("第") \
                    and re.search(rf"{_NUMERAL}(?:多|余)?\s*(?:个)?\s*{_unit_pattern(unit)}", counted):
                return True
            # 是多少 is not answered by a date (本报北京１月１日讯): its digits count nothing.
            # (从不到三成提高到了八成以上: a share in 成 is a figure too.)
            if not unit and (re.search(_ANY_NUMBER, re.sub(_DATE, " ", counted)) or re.search(_PERCENT, counted)):
                return True
        if answer_type == "occasion" and re.search(_OCCASION, norm):
            return True
        if answer_type == "place" and tells_origin(asked, norm):
            return True
        if answer_type == "place" and unit == "地物":
            return any(m.group(0) not in asked for m in re.finditer(_FEATURE_NAME, norm))
        if answer_type == "place" and (any(m.group(0) not in asked for m in re.finditer(_PLACE_NAME if unit == "地名" else _PLACE, norm))
                                       or unit != "地名" and re.search(_LOCATIVE, norm)):
            return True
        if answer_type == "person" and any(not (full_name and _names_asked(m.group(0), asked))
                                           for m in re.finditer(_PERSON, norm)):
            return True   # (陈大姐全名叫什么: 书记陈大姐 gives the name the question has already)
        if answer_type == "title" and re.search(r"《[^》]{1,30}》", norm):
            return True
        if answer_type == "term" and re.search(_NAMES_TERM, norm):
            return True
        if answer_type == "quote" and re.search(r"[“「『][^”」』]{4,}[”」』]", norm):
            return True
        if answer_type == "note" and re.match(r"\(?(?:编者按|按语|编者注|编者的话|本文)", norm):
            return True
        if answer_type == "caption" and re.search(r"图为|摄\)?$", norm):
            return True
        if answer_type == "source" and re.search(_SOURCE, norm):
            return True
        if answer_type == "agent" and (re.search(_PERSON, norm) or re.search(_ORGANISATION, norm) or re.search(_DONE_BY, norm)):
            return True
        # (一些企业集团 for 哪几家企业集团: the kind the question names, said of none in particular.)
        # (…和政府部门: a joining word and a bare 政府 name no body either.)
        # (市委、市政府: the speaker's own bodies, named by their level alone, name no body asked for.)
        if answer_type == "organization" and any(len(name := re.sub(_SOME, "", m.group(0)).lstrip("和与及同")) >= 3
                                                and name not in asked and not _own_body(name)
                                                for m in re.finditer(_ORGANISATION, norm)):
            return True
        if answer_type == "office" and re.search(_OFFICE, norm):
            return True
    return False


# A year as written: 1998年 / １９９８年 / 一九九八年 / 98年. Two digits below 50 are a span
# (10年来), not a year.
YEAR = r"(?<![\d〇零一二三四五六七八九])(\d{4}|\d{2}|[〇零一二三四五六七八九]{4}|[〇零一二三四五六七八九]{2})\s*年(?!代|来|间|多|左右)"
_MONTH_DAY = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]"
_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}


def years(text: str) -> set[int]:
    """The years a text names."""
    out: set[int] = set()
    for y in re.findall(YEAR, ta.normalise(text)):
        digits = "".join(_DIGIT.get(c, c) for c in y)
        if len(digits) == 4:
            out.add(int(digits))
        elif int(digits) >= 50:
            out.add(1900 + int(digits))
    return out


# 今年 / 去年 / 明年, said of the speech's own year (比去年增长 compares; it names no year).
_RELATIVE_YEAR = {"今年": 0, "本年": 0, "明年": 1, "来年": 1, "去年": -1, "过去的一年": -1, "过去一年": -1}
_RELATIVE = re.compile(rf"(?<![比较于同与])({'|'.join(_RELATIVE_YEAR)})")


def speech_year(speech: Speech) -> int | None:
    """The year a speech was given in: its title's or date line's, when they name one."""
    said = years(" ".join(u.text for u in speech.units[:4] if u.kind != "paragraph"))
    return next(iter(said)) if len(said) == 1 else None


def relative_years(text: str) -> set[int]:
    """The years 今年 / 去年 / 明年 in a text name, as offsets from the speech's own year."""
    return {_RELATIVE_YEAR[m] for m in _RELATIVE.findall(ta.normalise(text))}


def year_agrees(asked: set[int], sentence: str, before: str = "", this_year: int | None = None) -> bool:
    """A sentence that names years answers a question about one year only if it names that one:
    １９９７年…上涨０．７％ gives no figure for 1998; with ``this_year`` (the speech's), 今年…的
    目标 in a speech of 2013 gives none for 2012. One that names none speaks of the year the last
    sentence ``before`` it in its paragraph named (１９９７年…。其中１２月份…涨幅为…)."""
    named = years_meant(asked, sentence, before, this_year)
    return not named or bool(named & asked)


# 一季度 / 第一季度 / 1至3月 / 上半年 / 前三季度: a part of a year a figure may be of.
_PERIOD = LazyPattern(r"(?:第)?([一二三四1-4])季度|(上|下)半年|前([二三两2-3])(?:个)?季度|(?:1|一)(?:月)?(?:至|到|-|—|~)(\d{1,2}|[二三四五六七八九十]{1,2})月"
                      r"|前(\d{1,2}|[二三四五六七八九十]{1,2})个月")
_QUARTER_MONTHS = {1: 3, 2: 6, 3: 9, 4: 12}


def periods(text: str) -> set[tuple[int, int]]:
    """The parts of a year a text names, as (first month, last month): 一季度 (1, 3), 上半年
    (1, 6), 前三季度 and 1至9月 (1, 9)."""
    out: set[tuple[int, int]] = set()
    for m in _PERIOD.finditer(ta.normalise(text)):
        quarter, half, first_quarters, to_month, months = m.groups()
        if quarter:
            q = int(quarter) if quarter.isdigit() else chinese_numeral(quarter)
            out.add((_QUARTER_MONTHS[q] - 2, _QUARTER_MONTHS[q]))
        elif half:
            out.add((1, 6) if half == "上" else (7, 12))
        else:
            said = first_quarters or to_month or months
            n = int(said) if said.isdigit() else chinese_numeral(said)
            out.add((1, _QUARTER_MONTHS.get(n, 0) if first_quarters else n))
    return out


def period_agrees(question: str, sentence: str, before: str = "", title: str = "") -> bool:
    """A figure of a part of the year answers a question about that part only, and a question
    about a whole year not at all: 上半年…增长多少 is not told by 一季度…增长7.1% nor by the year's
    186.4亿元, and 去年…总额 not by 一季度，…总额3860亿元. A sentence that names no part speaks of
    the one the last sentence ``before`` it in its paragraph named (一季度，全省…。…全省规模以上
    工业增加值增长7.1%), else of the one its speech's ``title`` names."""
    asked = periods(question)
    said = periods(sentence) or next((p for x in reversed(ta.split_sentences(before)) if (p := periods(x))), set()) \
        or periods(title)
    if asked:
        return bool(said & asked)
    return not said or not _WHOLE_YEAR.search(ta.normalise(question))


# 全省 / 全县 / 全国: the whole of a place a figure is counted over.
_SCOPE = LazyPattern(r"全(?:国|省|市|县|区|镇|乡|州)")


def scope_agrees(question: str, sentence: str, before: str = "") -> bool:
    """全省…增长多少 is not told by 全县…增长9.6%: a sentence that counts over another whole (in
    it, else in the sentence before it) than the one the question names is another place's."""
    asked = set(_SCOPE.findall(ta.normalise(question)))
    if not asked:
        return True

    def counted_over(text: str) -> set[str]:
        # (…增速高于全省平均水平 / 占全市的三成 / 位居全市第二: a whole it is compared with.)
        return set(_SCOPE.findall(_COMPARED_SCOPE.sub("", ta.normalise(text))))

    said = counted_over(sentence) or next((found for x in reversed(ta.split_sentences(before)) if (found := counted_over(x))), set())
    return not said or bool(said & asked)


_COMPARED_SCOPE = LazyPattern(r"(?:高于|低于|快于|慢于|超过|好于|比|较|占|居|在|列|为)[^，。；,;]{0,3}?全(?:国|省|市|县|区|镇|乡|州)")


# 去年 / 2023年 / 全年: a question about a whole year (not 2024年一季度, which names its part).
_WHOLE_YEAR = LazyPattern(r"去年|前年|上年|全年|(?:19|20)\d\d年")


# (…扩大到1.2万亩，去年是1万亩: a clause giving last year's figure after this year's compares too.)
_COMPARED_WITH = LazyPattern(r"(?:比|较|同比|与)[^，。,;；]{0,6}?(?:上年|去年|前年|上一年|上年度)(?:同期)?(?:相比)?"
                             r"|[，,](?:上年|去年|前年|上一年)(?:同期)?(?:是|为|只有|仅为?|则为?)[^，。,;；]*")
_CHANGED_FROM = LazyPattern(r"(?:由|从)[^，。,;；]{0,12}?(?=(?:上升|提高|提升|增加|增长|下降|降低|减少|跃升|扩大|缩小|压缩|缩短|压减)(?:到|至|为))")


_GIVEN_FOR_YEAR = LazyPattern(r"(去年)(?:同期)?(?:的|是|为|只有|仅为?)\s*(?=[\d一二三四五六七八九十])")


def years_meant(asked: set[int], sentence: str, before: str = "", this_year: int | None = None) -> set[int]:
    """The years a sentence speaks of (as year_agrees reads them); none when no year is asked."""
    def named_in(text: str) -> set[int]:
        text = _COMPARED_WITH.sub("", text)   # (…仅比丰收的上年减少1.5%: this year's figure, against last year's)
        relative = {this_year + d for d in relative_years(text)} if this_year else set()
        return years(text) | relative

    # (我市由2023年的第七位上升到第四位: the year a change starts from is not the one its figure is of.)
    named = named_in(_CHANGED_FROM.sub("", sentence)) if asked else set()
    # (…8.6亿元，比去年的7.9亿元增长8.9% / …，去年是1万亩: last year's figure, given to compare, is
    # there for a question about last year.)
    given = {this_year + _RELATIVE_YEAR[m.group(1)] for m in _GIVEN_FOR_YEAR.finditer(ta.normalise(sentence))} \
        if asked and this_year else set()
    if given & asked:
        return given & asked
    if asked and not named and before:
        named = next((found for x in reversed(ta.split_sentences(before)) if (found := named_in(x))), set())
    return named


def speech_says(speech: Speech, answer_type: str | None, unit: str = "", question: str = "") -> list[tuple[Unit, str]]:
    """What a speech itself says of who, when or where: its metadata lines that fit the type;
    without one, for a place, the opening sentence that says where it was held, and for a date,
    the first sentence of its lead that holds one (据新华社北京１月７日电… /
    １月２２日，江泽民出席…: a report's lead says when for the whole text, not who wrote it)."""
    if answer_type is None:
        return []
    # (A part's speaker line in a symposium digest speaks for its part, not for the text.)
    lines = [(u, u.text) for u in speech.units if u.kind == "metadata" and not u.section
             and fits_type(answer_type, unit, [u.text])]
    # The title names the text; a line of its own says more (…杂志１９９８年１月号上发表).
    lines = [x for x in lines if x[1] != speech.title] or lines
    if not lines and answer_type in ("organization", "office"):
        # 是哪个单位的讲话, of a speech with no speaker line: the first of its sentences that
        # names an organisation (…政府办公室的工作点多、面广、线长).
        said = [(u, x) for u in speech.paragraphs for x in split_sentences(u.text)]
        if answer_type == "office":
            # The named speaker's (中央统战部部长王兆国同志在会上发表讲话), else the speaker's own
            # (作为县委书记), never another's.
            names = {m.group(0)[:k] for m in re.finditer(rf"[{SURNAMES}][\u4e00-\u9fff]{{2}}", ta.normalise(question))
                     for k in (2, 3)}
            named = [x for x in said if any(n in x[1] for n in names) and fits_type(answer_type, unit, [x[1]])]
            return (named or [x for x in said if re.search(_OWN_OFFICE, ta.normalise(x[1]))])[:1]
        return [x for x in said if fits_type(answer_type, unit, [x[1]])][:1]
    if not lines and answer_type == "person" and re.search(_ASKS_SPEAKER + "|" + _ASKS_WRITER, question):
        # 又是谁讲的话, of a report with no speaker line: its lead's 省长刘振华在会上讲话; 这篇报道
        # 是谁写的: the reporter its dateline names (本报北京１月２７日讯　记者李明报道).
        told = _GAVE_SPEECH if re.search(_ASKS_SPEAKER, question) else _REPORTED_BY
        said = [(u, x) for u in speech.paragraphs[:3] for x in split_sentences(u.text) if re.search(told, x)]
        return [x for x in said if fits_type(answer_type, unit, [x[1]])][:1]
    if answer_type == "occasion":
        # 王兆国在哪个会上作的说明, of a report: the first sentence of its opening that names the
        # meeting (before a title that only names it too).
        opening = [(u, x) for u in speech.paragraphs[:3] for x in split_sentences(u.text) if fits_type(answer_type, unit, [x])]
        return opening[:1] or lines
    if lines or answer_type not in ("date", "place"):
        return lines
    if answer_type == "place":
        # 团拜会是在哪儿开的, of a report: the opening sentence that says where it was held
        # (国务院办公厅今天下午在中南海国务院小礼堂举行春节团拜会).
        return [(u, x) for u in speech.paragraphs[:3] for x in split_sentences(u.text)
                if re.search(_HELD_AT, x) and fits_type(answer_type, unit, [x])][:1]
    # A sentence saying when the meeting was held (会议１月２０日在北京召开) answers before the
    # lead's dateline, which is when the paper reported it.
    held = [(u, x) for u in speech.paragraphs for x in split_sentences(u.text)
            if re.search(_HELD, x) and fits_type(answer_type, unit, [x])]
    if held:
        return held[:1]
    # A paper may print a summary before its lead: the first of the opening paragraphs that
    # starts with a dateline or a date (１月２２日，…) is the lead.
    opening = speech.paragraphs[:3]
    lead = next((u for u in opening if re.match(_DATED_LEAD, ta.normalise(u.text))), speech.lead)
    if lead is not None:
        lines = [(lead, s) for s in split_sentences(lead.text) if fits_type(answer_type, unit, [s])][:1]
    return lines
