"""The 行业 and 国别/地区 lists a city starts from (the seed migration, and ``seed_defaults`` for a database
emptied since, such as a test's): names, their 板块 or 地区 code, their aliases (顿号-separated)."""
from __future__ import annotations

# name, 板块 (sector), aliases
INDUSTRIES = [
    ("纺织服装", "textile", "纺织、服装、轻纺、家纺、纺织品"),
    ("生物医药", "pharma_chemical", "医药、制药、生物制药、医疗器械"),
    ("化工", "pharma_chemical", "精细化工、化学、化学原料"),
    ("新材料", "new_materials", "材料、新型材料"),
    ("电碳", "new_materials", "碳素、电碳产品"),
    ("机械", "machinery_electronics", "机械制造、装备制造、机械装备"),
    ("电子", "machinery_electronics", "电子信息、电子电器、电器"),
    ("食品", "food", "食品加工、农副产品加工"),
    ("建材", "other", "建筑材料"),
    ("农业", "other", "现代农业、种植、养殖"),
    ("物流", "other", "现代物流、仓储物流"),
    ("服务业", "other", "现代服务业、商贸"),
    ("房地产", "other", ""),
]
# name, region, aliases
COUNTRIES = [
    ("香港", "hmt", "中国香港、香港特别行政区、HK"),
    ("澳门", "hmt", "中国澳门"),
    ("台湾", "hmt", "中国台湾、台湾地区"),
    ("日本", "asia", ""),
    ("韩国", "asia", "南韩、大韩民国"),
    ("新加坡", "asia", ""),
    ("马来西亚", "asia", ""),
    ("泰国", "asia", ""),
    ("印度尼西亚", "asia", "印尼"),
    ("德国", "europe", ""),
    ("英国", "europe", ""),
    ("法国", "europe", ""),
    ("意大利", "europe", ""),
    ("荷兰", "europe", ""),
    ("美国", "americas", "美利坚合众国、USA"),
    ("加拿大", "americas", ""),
    ("澳大利亚", "oceania", "澳洲"),
    ("英属维尔京群岛", "free_ports", "维尔京群岛、BVI"),
    ("开曼群岛", "free_ports", "开曼"),
    ("萨摩亚", "free_ports", ""),
]
