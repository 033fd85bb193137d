# The directory's pages for people, in Simplified Chinese (United Nations usage). Same messages as the English
# reference catalogue (a unit test checks it). Arguments: $count and numbers choose plural forms (Chinese has only
# "other"); $date is already written in Chinese; names ($state, $authority, $convention) are in Chinese where known.
# Convention titles arrive without title marks, so the sentences put them in 《》.

site-name = 国家主管机关名录
skip-to-content = 跳至正文
nav-site = 网站导航
nav-all-states = 所有国家
nav-route = 请求应送往何处？
nav-workspace = 工作区
nav-languages = 语言
nav-pages = 分页
footer-source = 各条目由各国协调人负责维护。在依据某一条目行事之前，请核对该条目的最后确认日期。
footer-fallback = * 以英文显示的术语：尚未找到该术语的中文出处。
not-found-title = 未找到
not-found-state = 没有代码为{ $code }的国家。

## The list of States
region-africa = 非洲
region-americas = 美洲
region-asia = 亚洲
region-europe = 欧洲
region-oceania = 大洋洲
region-other = 其他
index-title = 国家主管机关名录
index-summary = 国家和其他实体共{ $states }个，{ $authorities ->
   *[other] 主管机关共{ $authorities }个。
}
generated-on = 本页生成于{ $date }。
column-state = 国家
column-code = 代码
column-authorities = 主管机关

## A State's page
page-of = 第{ $page }页，共{ $pages }页
page-previous = 上一页
page-next = 下一页
authorities-count = { $count ->
   *[other] { $count }个主管机关
}
generated-at = 生成于{ $date }
last-confirmed-on = 数据最后确认于{ $date }
legal-bases = 参加公约情况
legal-bases-none = 本名录未记录该国参加各项公约的情况。
column-convention = 公约
column-status = 状态
column-since = 起始日期
column-source = 来源
as-of = 截至{ $date }
authorities-heading = 主管机关
state-empty = 本名录尚未收录{ $state }的任何主管机关。

## An authority
sample-entry = 示例条目：并非真实的主管机关。
field-local-name = 当地名称
field-designated-for = 指定职能
field-languages = 可接受的语文
field-channels = 渠道
field-transmission = 转递方式
field-urgent-channels = 紧急请求渠道
field-urgent-procedure = 紧急程序
field-requirements = 具体要求
field-office-hours = 办公时间
field-time-zone = 时区
field-address = 邮政地址
field-city = 城市
field-email = 电子邮件
field-phone = 电话
field-fax = 传真
field-website = 网站
field-contacts = 联系人
field-networks = 网络
field-last-confirmed = 最后确认日期
never-confirmed = 从未确认
field-notes = 备注
field-time-there = 主管机关所在地时间
field-time-reader = 您所在地时间
open-now = 现为办公时间
closed-now = 现为非办公时间
open-unknown = 无法根据所载办公时间判断目前是否在办公时间内

## Operational values that no convention names
enum-TransmissionMeans-POST = 邮寄
enum-TransmissionMeans-EMAIL = 电子邮件
enum-TransmissionMeans-FAX = 传真
enum-TransmissionMeans-SECURE_PLATFORM = 安全平台
enum-UrgentChannel-EMAIL = 电子邮件
enum-UrgentChannel-FAX = 传真
enum-UrgentChannel-PHONE = 电话
enum-UrgentChannel-INTERPOL = 国际刑警组织（INTERPOL）
enum-ContactPointRole-NATIONAL_MEMBER = 国家成员
enum-ContactPointRole-CONTACT_POINT = 联络点
enum-ContactPointRole-NATIONAL_CORRESPONDENT = 国家通讯员
enum-ContactPointRole-LAW_ENFORCEMENT = 执法联络人
enum-ContactPointRole-JUDICIAL = 司法联络人
enum-ContactPointRole-CENTRAL_AUTHORITY = 中心当局
enum-ContactPointRole-FOCAL_POINT = 协调人

## The route finder
route-title = 请求应送往何处？
route-intro = 请选择请求国、被请求国、请求事项，以及所援引的公约（如已知）。
route-choose-state = 选择国家
route-from = 请求国
route-to = 被请求国
route-function = 请求事项
route-convention = 所依据的公约
route-any-convention = 任何公约
route-submit = 查找主管机关
route-heading = 从{ $from }至{ $to }
route-heading-incomplete = 请求路径
route-authorities = { $count ->
    [0] 未指定任何主管机关
   *[other] 已指定{ $count }个主管机关
}
warnings-heading = { $count ->
   *[other] 警告
}
legal-basis-heading = 法律依据：《{ $convention }》
both-parties-yes = 两国均为该公约的缔约国。
both-parties-no = 两国并非均为该公约的缔约国。
both-parties-unknown = 无法确定两国是否均为该公约的缔约国：本名录未记录其中至少一国的参加情况。
participation-not-recorded = 本名录未予记录
contact-points-heading = 通过两国均参加的网络
column-network = 网络
column-authority = 主管机关
column-role = 角色
shared-networks = { $count ->
   *[other] 两国均参加的网络：
}
warning-not-a-code = { $side ->
    [requesting] 作为请求国输入的“{ $given }”不是国家代码（ISO 3166-1 alpha-3，例如FRA）。
   *[requested] 作为被请求国输入的“{ $given }”不是国家代码（ISO 3166-1 alpha-3，例如FRA）。
}
warning-no-such-state = { $side ->
    [requesting] 本名录中没有代码为{ $code }的国家（该代码作为请求国输入）。
   *[requested] 本名录中没有代码为{ $code }的国家（该代码作为被请求国输入）。
}
warning-no-such-convention = 没有代码为“{ $given }”的公约；因此所列主管机关不限于特定公约。
warning-same-state = 请求国与被请求国为同一国家（{ $state }）。
warning-nothing-designated = 本名录中没有{ $state }为“{ $function }”指定的主管机关。
warning-nothing-designated-under = 本名录中没有{ $state }根据《{ $convention }》为“{ $function }”指定的主管机关。
warning-never-confirmed = { $state }从未确认{ $authority }的条目。
warning-stale = { $authority }的条目最后确认于{ $date }，距今已超过{ $months ->
   *[other] { $months }个月
}（即审查期）。
warning-not-party = { $state }不是《{ $convention }》的缔约方。
warning-not-party-as-of = 截至{ $date }，{ $state }不是《{ $convention }》的缔约方。
warning-signatory-only = { $state }已签署《{ $convention }》，但并非其缔约方。
warning-signatory-only-as-of = 截至{ $date }，{ $state }已签署《{ $convention }》，但并非其缔约方。
warning-not-recorded = 本名录未记录{ $state }参加《{ $convention }》的情况。

## Punctuation between two values, as each script writes it
separator-comma = {"，"}

participation-territorial = 经其所属国家将该文书适用于该地区
declarations-heading = { $state }向保存人作出的声明
declaration-kind-languages = 请求可接受的语文
declaration-kind-extradition-legal-basis = 以本公约作为引渡的法律依据
declaration-kind-central-authority = 已通知的中央当局
declaration-kind-designated-authority = 指定的机关
declaration-kind-reservation = 保留
declaration-kind-other = 声明
declaration-words = 通知原文
declaration-article = 第{ $article }条
declaration-source = 来源：{ $source }
