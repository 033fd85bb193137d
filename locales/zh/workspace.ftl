# The workspace, in Simplified Chinese (United Nations usage): the pages where focal points and network secretariats
# sign in, see what is due, fix it and confirm it. Same messages as the English reference catalogue; $count chooses
# plural forms (Chinese has only "other", with [0] where English has it); punctuation is full-width.

## Signing in and out
ws-sign-in-title = 登录工作区
ws-sign-in-how = 协调人和网络秘书处通过名录管理员发送的链接登录。如您的链接已过期，请向管理员索取新链接。
ws-sign-in-as = 通过此链接，您将以{ $sub }的身份登录，角色为{ $role ->
    [focal_point] { $scope }的协调人
    [network_secretariat] { $scope }网络秘书处
    [admin] 管理员
   *[other] 只读用户
}。
ws-sign-in-button = 登录
ws-link-unusable = 此登录链接已被使用、已过期或无法识别。请向管理员索取新链接。
ws-link-other-browser = 请在同一浏览器中，从该链接所打开的页面登录。
ws-signed-out = 您已退出登录。
ws-signed-out-expired = 由于一段时间未使用，您的会话已结束。请重新登录。
ws-signed-out-revoked = 管理员已撤销您的访问权限。
ws-signed-in-as = 当前登录身份：{ $sub }（{ $scope }）。
ws-sign-out = 退出登录
ws-csrf-title = 无法接受此表单
ws-csrf-body = 该表单并非来自本工作区，或自表单打开以来您的会话已发生变化。请重新打开该页面，再次进行修改。
ws-forbidden-title = 您无权修改此内容
ws-refused-title = 无法执行此请求
ws-home-link = 返回工作区

## What is due
ws-home-title = 工作区
ws-no-home = 管理员和只读用户使用应用程序编程接口（API）；本工作区供协调人和网络秘书处使用。
ws-home-state = 工作区：{ $state }
ws-home-network = 工作区：{ $network }
ws-due-heading = { $count ->
    [0] 没有待审查的条目
   *[other] { $count }个条目待审查
}
ws-nothing-due = 所有条目均已在审查期内确认。
ws-column-due = 审查到期日
ws-column-action = 操作
ws-overdue = 已逾期
ws-confirm-one = 确认为最新
ws-confirm-all-explain = 确认清单中自清单生成时（{ $date }，协调世界时）起无人修改过的所有条目。在此期间被修改的条目将予以列出，但不予确认。
ws-confirm-all = 确认所有未修改的条目
ws-coverage-heading = 须指定主管机关的法律依据
ws-column-legal-basis = 法律依据
ws-coverage-missing = 未指定任何主管机关
ws-coverage-stale = 未按时确认
ws-coverage-current = 数据为最新
ws-entries-heading = { $count ->
   *[other] 全部条目（{ $count }个）
}
ws-contact-points-due = { $count ->
   *[other] { $count }个联络点待审查
}
ws-members-without-point = { $count ->
   *[other] { $count }个成员没有联络点：
}
ws-recent-heading = 最近的更改
ws-recent-none = 尚无任何更改。
ws-column-when = 日期
ws-column-who = 用户
ws-column-what = 更改内容
ws-confirmed-title = 已确认
ws-confirmed-count = { $count ->
    [0] 未确认任何条目。
   *[other] 已确认{ $count }个条目。
}
ws-changed-since = { $count ->
   *[other] 有{ $count }个条目在清单生成后被修改，因此未予确认；请重新审查。
}

## Editing an entry
ws-edit-title = 编辑：{ $name }
ws-field-name = 名称
ws-field-acronym = 缩写
ws-languages-hint = （语文代码，例如fr、en）
ws-field-refused = 未予接受：
ws-errors = { $count ->
   *[other] 有{ $count }个字段未予接受。未保存任何内容。
}
ws-save = 保存
ws-saved = 已保存。
ws-confirm-explain = 如所显示的内容均仍然正确，请确认该条目为最新。
ws-conflict-title = 其他人已修改此条目
ws-conflict-explain = 您打开表单后，此条目已被修改。您所做的更改均未保存。请比较两个版本，并选择要保留的版本。
ws-column-field = 字段
ws-conflict-yours = 您的版本
ws-conflict-theirs = 名录中的现有版本
ws-keep-mine = 保留我的版本
ws-keep-theirs = 保留名录中的版本

## Signing in through the organisation's identity provider
ws-sign-in-oidc = 使用本单位账户登录
ws-oidc-refused = 未能使用本单位账户登录。请重试；如仍失败，您的账户可能尚未开通本名录的访问权限。
ws-oidc-unavailable = 目前无法连接本单位的登录服务。请稍后重试，或使用登录链接。

## An entry's history
ws-history-title = 修改记录：{ $name }
ws-back-to-entry = 返回条目
ws-history-link = 条目修改记录
ws-column-fields = 字段

## An entry's contacts
ws-contacts-title = 联系人：{ $name }
ws-contacts-link = 条目联系人
ws-contacts-none = 该主管机关尚无联系人。
ws-contact-add = 添加联系人
ws-contact-remove = 删除此联系人
ws-field-position = 职务
ws-field-visibility = 可见范围
ws-visibility-restricted = 仅限已登录用户（受限）
ws-visibility-public = 所有人（公开）

## An entry's designations
ws-designations-title = 指定：{ $name }
ws-designations-link = 条目的指定
ws-designation-add = 依据法律依据进行指定
ws-designation-remove = 删除此项指定
ws-field-scope = 范围
ws-field-notified-on = 通知日期

## Spreadsheets
ws-sheets-title = 电子表格
ws-sheets-link = 使用电子表格处理条目
ws-sheets-download = 下载您的条目
ws-sheets-download-explain = 工作簿中的所有单元格均为文本格式，因此电话号码、代码和标识符在Excel和LibreOffice中保持原样。请保留“id”列和“version”列；如需新建条目，请添加一行，并将“id”列留空。
ws-sheets-xlsx = 工作簿（XLSX），每类条目一个工作表
ws-sheets-csv = CSV文件：
ws-sheets-upload = 上传修改后的文件
ws-sheets-upload-explain = XLSX或ODS工作簿，或CSV文件（以逗号或分号分隔，UTF-8编码），最多{ $rows }行。在应用任何更改之前，您将看到该文件会带来哪些更改。
ws-sheets-file = 文件
ws-sheets-preview-button = 显示该文件将带来的更改
ws-sheets-unreadable = 无法读取此文件。未作任何更改。
ws-sheets-preview-title = 上传的文件：{ $file }
ws-sheets-uploaded = 上传于{ $date }，共{ $rows }行。
ws-sheets-ready = 尚未作任何更改。应用此文件将新建{ $created }个条目并更新{ $updated }个条目；另有{ $unchanged }个条目保持不变。
ws-sheets-apply = 应用这{ $count }项更改
ws-sheets-nothing = 此文件不会带来任何更改：其全部{ $unchanged }行均与名录中的数据一致。
ws-sheets-not-clean = 此文件无法按原样应用：有{ $conflicts }处冲突，{ $errors }个单元格未予接受。未作任何更改。请更正文件后重新上传。
ws-sheets-applying = 正在应用：已处理{ $done }行，共{ $total }行。
ws-sheets-refresh = 刷新
ws-sheets-applied = 已应用：新建{ $created }个条目，更新{ $updated }个条目，{ $unchanged }个条目未更改。
ws-sheets-refused = 未应用任何更改：自预览以来名录已发生变化，或导入未能完成。请重新下载条目，然后重新进行修改。
ws-sheets-created = 新建
ws-sheets-updated = 更新
ws-sheets-unchanged = 未更改
ws-sheets-conflicts = 冲突
ws-sheets-bad-cells = 未予接受的单元格
ws-sheets-changes = 有更改的行
ws-sheets-sheet = 工作表
ws-sheets-row = 行
ws-sheets-id = 标识符
ws-sheets-entry = 条目
ws-sheets-message = 原因
ws-sheets-more = ……另有{ $count }项。

## A network's members and contact points
ws-network-link = 成员和联络点
ws-network-title = 成员和联络点：{ $network }
ws-members-heading = { $count }个成员
ws-points-heading = { $count }个联络点
ws-column-state = 国家
ws-column-status = 参加身份
ws-column-authority = 主管机关
ws-column-role = 角色
ws-field-since = 起始日期
ws-field-label = 标签
ws-member-add = 添加成员
ws-member-remove = 从网络中移除
ws-point-add = 添加联络点
ws-point-remove = 删除此联络点

## Why a value is not accepted (after "Not accepted:"; $value is what the person typed)
problem-blank = 此字段不得留空。
problem-too-long = 该值长度为{ $length }个字符；最多允许{ $max }个字符。
problem-invisible = 该值含有不可见字符（{ $character }）；请将其删除。
problem-bidi-control = 该值含有改变文字方向的字符（{ $character }）；请将其删除。
problem-control = 该值含有控制字符（{ $character }）；请将其删除。
problem-not-email = { $value }不是电子邮件地址。
problem-not-public-domain = { $value }必须是公共域名下的地址。
problem-not-international = { $value }必须采用国际格式书写，即以+和国家代码开头。
problem-not-phone = { $value }不是有效的国际电话号码。
problem-not-web-address = { $value }不是以http://或https://开头的网址。
problem-address-too-long = 此地址过长。
problem-not-in-address = { $value }含有“{ $character }”，地址中不得含有该字符。
problem-credentials = 此处的网址不得包含用户名或密码。
problem-local-host = { $value }必须指向公共网站，而非本地网站。
problem-not-time-zone = { $value }不是时区名称（例如Europe/Paris）。
problem-not-language = { $value }不是语文代码（例如fr或es）。
problem-not-iso3 = { $value }不是由三个字母组成的国家代码（例如FRA）。
problem-not-date = 该值不是日期：请按YYYY-MM-DD格式填写。
problem-repeated = { $value }被重复列出。
problem-not-a-choice = { $value }不在所提供的选项之中。
problem-changed-meanwhile = 页面显示后，此内容已被他人修改，现显示其当前内容。请重新进行修改。
problem-name-taken = { $state }已有一个同名主管机关：{ $name }。
problem-name-looks-taken = { $state }已有一个名称看似相同的主管机关：{ $name }。
problem-already-designated = 该主管机关已依据{ $basis }获得指定。
problem-already-member = { $state }已以此身份参加{ $network }网络。
problem-role-taken = 该主管机关已在{ $network }网络中担任此角色。
problem-not-a-member = 该主管机关所属国家（{ $state }）未参加{ $network }网络：请先将其添加为成员。
