"""How a synthetic report reads: its bodies, formulas, numbered parts, and sentences of drawn words.

A report follows the national outline: title, an opening of formulas, 一、举措和成效 with six of the
nine （一）… items of the 纲要, 二、不足和原因, 三、第一责任人职责, 四、next year's plans, 五、其他.
Sentences are two to five clauses of two to five words each; some clauses carry a figure ("12件",
"96.2%", "35.5万元"), a date ("2023年5月") or an inline formula ("运用法治思维和法治方式"). Headings,
title, opening and inline formulas are tagged boilerplate: every report has them.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

DISTRICTS = (
    "罗湖区 福田区 南山区 宝安区 龙岗区 盐田区 龙华区 坪山区 光明区 越秀区 海珠区 荔湾区 天河区 白云区 黄埔区 番禺区 "
    "花都区 南沙区 从化区 增城区 东城区 西城区 朝阳区 海淀区 丰台区 石景山区 门头沟区 房山区 通州区 顺义区 昌平区 "
    "大兴区 怀柔区 平谷区 密云区 延庆区 黄浦区 徐汇区 长宁区 静安区 普陀区 虹口区 杨浦区 闵行区 宝山区 嘉定区 金山区 "
    "松江区 青浦区 奉贤区 崇明区 锦江区 青羊区 金牛区 武侯区 成华区 江岸区 江汉区 硚口区 汉阳区 武昌区 洪山区"
).split()
DEPARTMENTS = (
    "民政局 司法局 财政局 教育局 人力资源和社会保障局 住房和建设局 交通运输局 水务局 卫生健康局 文化广电旅游体育局 "
    "应急管理局 市场监督管理局 生态环境局 城市管理和综合执法局 统计局 审计局 发展和改革局 科技创新局 工业和信息化局 "
    "商务局 退役军人事务局 医疗保障局 政务服务数据管理局 规划和自然资源局 农业农村局 林业局 档案局 信访局 "
    "国有资产监督管理局 机关事务管理局 人民防空办公室 投资促进局 地方金融监督管理局 科学技术协会 残疾人联合会 "
    "城市更新和土地整备局 网格管理中心 街道办事处 住房保障署 建筑工务署"
).split()
CITIES = "江城市 临海市 东阳市 西川市 南平市 北岭市 安远市 长乐市 永新市".split()
# the district bodies first (reports 0 … 12,399 are theirs, as before there were more); then the same
# bodies of nine made-up cities, for archives of 100,000 reports (5 a body) and more
_LOCAL = [d + p for d in DISTRICTS for p in DEPARTMENTS]
_CITY = [c + b for c in CITIES for b in _LOCAL]
BODIES = (*random.Random(0).sample(_LOCAL, len(_LOCAL)), *random.Random(1).sample(_CITY, len(_CITY)))
OPENING = ("深入学习贯彻习近平法治思想", "全面贯彻党的二十大精神", "全面贯彻落实党的二十大精神", "深入学习贯彻党的二十大精神")
ITEMS = (
    ("健全政府机构职能体系", "推动更好发挥政府作用"), ("健全依法行政制度体系", "加快推进政府治理规范化程序化法治化"),
    ("健全行政决策制度体系", "不断提升行政决策公信力和执行力"), ("健全行政执法工作体系", "全面推进严格规范公正文明执法"),
    ("健全突发事件应对体系", "依法预防处置重大突发事件"), ("健全社会矛盾纠纷行政预防调处化解体系", "不断促进社会公平正义"),
    ("健全行政权力制约和监督体系", "促进行政权力规范透明运行"), ("健全法治政府建设科技保障体系", "全面建设数字法治政府"),
    ("加强党的领导", "完善法治政府建设推进机制"),
)
INLINE = ("运用法治思维和法治方式", "“谁执法谁普法”", "“双随机、一公开”", "尊法学法守法用法")
UNITS = ("件", "次", "宗", "项", "人", "家", "份", "条", "场", "个")
NUMERALS = "一二三四五六七八九"
Pieces = list[tuple[str, str | int | None]]  # text and tag: None, "bp" or a case number


class Writer:
    """Appends pieces of text, remembering where each sentence, formula and reused stretch lands."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.sentences: list[tuple[int, int, int]] = []
        self.boilerplate: list[tuple[int, int]] = []
        self.tagged: dict[int, tuple[int, int]] = {}

    def add(self, piece: str, tag: str | int | None = None) -> None:
        span = (self.pos, self.pos + len(piece))
        self.parts.append(piece)
        self.pos = span[1]
        if tag == "bp":
            self.boilerplate.append(span)
        elif isinstance(tag, int):
            self.tagged[tag] = span

    def sentence(self, pieces: Pieces, paragraph: int) -> None:
        start = self.pos
        for piece, tag in pieces:
            self.add(piece, tag)
        self.sentences.append((start, self.pos, paragraph))


def words(rng: random.Random, vocab: Sequence[str], n: int) -> str:
    """``n`` words drawn uniformly from ``vocab``, run together."""
    return "".join(rng.choice(vocab) for _ in range(n))


def sentence(rng: random.Random, vocab: Sequence[str], year: int) -> Pieces:
    """One sentence of drawn words; dates in it are of ``year``."""
    pieces: Pieces = []
    for c in range(rng.randint(2, 5)):
        if c:
            pieces.append(("，", None))
        r = rng.random()
        clause = words(rng, vocab, rng.randint(2, 5))
        if r < 0.06:
            pieces += [(words(rng, vocab, 1), None), (rng.choice(INLINE), "bp")]
        elif r < 0.18:
            pieces.append((f"{year}年{rng.randint(1, 12)}月{clause}", None))
        elif r < 0.45:
            pieces.append((clause + figure(rng), None))
        else:
            pieces.append((clause, None))
    return pieces + [("。", None)]


def figure(rng: random.Random) -> str:
    """A count with its unit, a percentage or an amount of money."""
    r = rng.random()
    if r < 0.6:
        return f"{rng.randint(2, 999)}{rng.choice(UNITS)}"
    if r < 0.8:
        return f"{rng.randint(60, 99)}.{rng.randint(1, 9)}%"
    return f"{rng.randint(10, 9999)}.{rng.randint(1, 99)}万元"


def draft(rng: random.Random, vocab: Sequence[str], body: str, year: int,
          extra: Sequence[Pieces] = ()) -> Writer:
    """A report's text; ``extra`` sentences (reused stretches) go into random body paragraphs."""
    parts: list[tuple[str, list[Pieces]]] = []  # (heading line or run-in item heading, sentences)
    parts.append((f"一、{year}年推进法治政府建设的主要举措和成效", []))
    for n, (a, b) in enumerate(sorted(rng.sample(ITEMS, 6), key=ITEMS.index)):
        parts.append((f"（{NUMERALS[n]}）{a}，{b}。", [sentence(rng, vocab, year) for _ in range(rng.randint(3, 5))]))
    parts.append((f"二、{year}年推进法治政府建设存在的不足和原因", []))
    parts.append(("", [sentence(rng, vocab, year) for _ in range(4)]))
    parts.append(("三、党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况", []))
    parts.append(("", [sentence(rng, vocab, year) for _ in range(5)]))
    parts.append((f"四、{year + 1}年推进法治政府建设的主要安排", []))
    parts.append(("", [sentence(rng, vocab, year + 1) for _ in range(5)]))
    parts.append(("五、其他需要报告的情况", []))
    parts.append(("", [sentence(rng, vocab, year) for _ in range(2)]))
    paragraphs = [p for p in parts if p[1]]
    for pieces in extra:
        sentences = rng.choice(paragraphs)[1]
        sentences.insert(rng.randint(0, len(sentences)), pieces)
    w = Writer()
    w.add(f"{body}{year}年法治政府建设年度报告", "bp")
    w.add("\n\n")
    formulas = "，".join(["坚持以习近平新时代中国特色社会主义思想为指导", *rng.sample(OPENING, 2)])
    w.add(f"{year}年，{body}{formulas}，认真落实《法治政府建设实施纲要（2021—2025年）》。现将有关情况报告如下：", "bp")
    for number, (heading, sentences) in enumerate(parts):
        w.add("\n")
        if heading:
            w.add(heading, "bp")
        for said in sentences:
            w.sentence(said, number)
    return w
