<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>About</name>
    <message>
        <source>&lt;p&gt;Flashcards and live PyTorch demos for deep-learning interview prep, from chapter 7 of &lt;i&gt;Neural Networks and Deep Learning&lt;/i&gt; (network optimization and regularization), scheduled with SuperMemo&apos;s SM-2.&lt;/p&gt;&lt;p&gt;Chinese text uses a subset of Noto Sans CJK SC (SIL Open Font License 1.1, see assets/fonts/OFL.txt). Formulas are rendered with matplotlib mathtext.&lt;/p&gt;</source>
        <translation>&lt;p&gt;深度学习面试备考的记忆卡片与 PyTorch 实时演示，内容取自《神经网络与深度学习》第 7 章（网络优化与正则化），用 SuperMemo 的 SM-2 算法安排复习。&lt;/p&gt;&lt;p&gt;中文使用 Noto Sans CJK SC 的子集（SIL Open Font License 1.1，见 assets/fonts/OFL.txt）。公式由 matplotlib mathtext 渲染。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>AnkiActions</name>
    <message>
        <source>Anki files (*.apkg *.colpkg *.csv *.txt *.tsv)</source>
        <translation>Anki 文件 (*.apkg *.colpkg *.csv *.txt *.tsv)</translation>
    </message>
    <message>
        <source>Anki package (*.apkg)</source>
        <translation>Anki 卡包 (*.apkg)</translation>
    </message>
    <message>
        <source>Anki text format (*.txt)</source>
        <translation>Anki 文本格式 (*.txt)</translation>
    </message>
    <message>
        <source>With scheduling and review history</source>
        <translation>包含复习计划和复习历史</translation>
    </message>
    <message>
        <source>&amp;Import from Anki…</source>
        <translation>从 Anki 导入(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export for Anki…</source>
        <translation>导出到 Anki(&amp;E)…</translation>
    </message>
    <message>
        <source>{what} failed</source>
        <translation>{what}失败</translation>
    </message>
    <message>
        <source>Import from Anki</source>
        <translation>从 Anki 导入</translation>
    </message>
    <message>
        <source>Import the cards of {file}?</source>
        <translation>导入 {file} 中的卡片？</translation>
    </message>
    <message>
        <source>Export for Anki</source>
        <translation>导出到 Anki</translation>
    </message>
    <message>
        <source>Export every card to {file}?</source>
        <translation>将所有卡片导出到 {file}？</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>Imported the bundled deck: {cards}</source>
        <translation>已导入内置卡组：{cards}</translation>
    </message>
</context>
<context>
    <name>Argparse</name>
    <message>
        <source>usage: </source>
        <translation>用法：</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>位置参数</translation>
    </message>
    <message>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>subcommands</source>
        <translation>子命令</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>显示此帮助信息并退出</translation>
    </message>
    <message>
        <source>%(prog)s: error: %(message)s
</source>
        <translation>%(prog)s：错误：%(message)s
</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>参数 %(argument_name)s：%(message)s</translation>
    </message>
    <message>
        <source>unknown parser %(parser_name)r (choices: %(choices)s)</source>
        <translation>未知的子命令 %(parser_name)r（可选：%(choices)s）</translation>
    </message>
    <message>
        <source>can&apos;t open &apos;%(filename)s&apos;: %(error)s</source>
        <translation>无法打开“%(filename)s”：%(error)s</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>无法识别的参数：%s</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>不能与参数 %s 同时使用</translation>
    </message>
    <message>
        <source>ignored explicit argument %r</source>
        <translation>已忽略显式给出的参数值 %r</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>缺少以下必需参数：%s</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>必须给出参数 %s 之一</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>需要一个参数值</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>最多接受一个参数值</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>至少需要一个参数值</translation>
    </message>
    <message>
        <source>expected %s argument</source>
        <translation>需要 %s 个参数值</translation>
    </message>
    <message>
        <source>expected %s arguments</source>
        <translation>需要 %s 个参数值</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>选项有歧义：%(option)s 可匹配 %(matches)s</translation>
    </message>
    <message>
        <source>unexpected option string: %s</source>
        <translation>意外的选项：%s</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>无效的 %(type)s 值：%(value)r</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>无效的选择：%(value)r（可选：%(choices)s）</translation>
    </message>
</context>
<context>
    <name>AutoBackup</name>
    <message>
        <source>Automatic backup failed: {error}</source>
        <translation>自动备份失败：{error}</translation>
    </message>
</context>
<context>
    <name>BackupText</name>
    <message>
        <source>before upgrading the schema from {revision}</source>
        <translation>从 {revision} 升级数据库结构之前</translation>
    </message>
    <message>
        <source>file backups are for SQLite collections; back up a PostgreSQL collection with pg_dump</source>
        <translation>文件备份只适用于 SQLite 收藏；PostgreSQL 上的收藏请用 pg_dump 备份</translation>
    </message>
    <message>
        <source>backups need a database file (this one lives in memory)</source>
        <translation>备份需要一个数据库文件（当前数据库只在内存中）</translation>
    </message>
    <message>
        <source>unknown backup label {label}</source>
        <translation>未知的备份标签 {label}</translation>
    </message>
    <message>
        <source>no backup made: the database failed its quick check ({problems}). The existing backups were kept; restore one from Tools → Backups.</source>
        <translation>未创建备份：数据库未通过快速检查（{problems}）。已有的备份都保留着；可在“工具 → 备份”中恢复其中一个。</translation>
    </message>
    <message>
        <source>no backup made: {error}. The existing backups were kept.</source>
        <translation>未创建备份：{error}。已有的备份都保留着。</translation>
    </message>
    <message>
        <source>cannot restore {name}: the file does not exist</source>
        <translation>无法恢复 {name}：文件不存在</translation>
    </message>
    <message>
        <source>cannot restore {name}: it is damaged or not a database ({problem}). Nothing was changed.</source>
        <translation>无法恢复 {name}：文件已损坏或不是数据库（{problem}）。没有做任何更改。</translation>
    </message>
    <message>
        <source>cannot restore {name}: {error}. Nothing was changed.</source>
        <translation>无法恢复 {name}：{error}。没有做任何更改。</translation>
    </message>
    <message>
        <source>cannot restore {name}: it is not a quizapp collection. Nothing was changed.</source>
        <translation>无法恢复 {name}：它不是 quizapp 的收藏。没有做任何更改。</translation>
    </message>
    <message>
        <source>cannot restore {name}: it was written by a newer quizapp (schema &apos;{revision}&apos;). Nothing was changed.</source>
        <translation>无法恢复 {name}：它由更新版本的 quizapp 写入（数据库结构“{revision}”）。没有做任何更改。</translation>
    </message>
    <message>
        <source>cannot restore: after migration its tables still differ from the collection&apos;s ({tables}). Nothing was changed.</source>
        <translation>无法恢复：迁移之后，它的数据表仍与收藏的不同（{tables}）。没有做任何更改。</translation>
    </message>
    <message>
        <source>cannot restore now: another process is writing to the collection ({error}); nothing was changed. Try again when it has finished.</source>
        <translation>现在无法恢复：另一个进程正在写入收藏（{error}）；没有做任何更改。请等它结束后再试。</translation>
    </message>
    <message>
        <source>cannot restore: no safety copy could be made ({error}). Nothing was changed.</source>
        <translation>无法恢复：无法创建安全副本（{error}）。没有做任何更改。</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>quizapp backs up your collection automatically (at most every 30 minutes of use, and on quit), keeping the newest {kept} (Tools → Settings).</source>
        <translation>quizapp 会自动备份你的收藏（使用期间最多每 30 分钟一次，退出时也会备份），保留最新的 {kept} 份（工具 → 设置）。</translation>
    </message>
    <message>
        <source>Folder: {path}</source>
        <translation>文件夹：{path}</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Restore selected…</source>
        <translation>恢复所选…</translation>
    </message>
    <message>
        <source>Restore from a file…</source>
        <translation>从文件恢复…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>on close</source>
        <translation>关闭时</translation>
    </message>
    <message>
        <source>made by you</source>
        <translation>手动创建</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>before upgrading the schema from {schema}</source>
        <translation>从数据库版本 {schema} 升级前</translation>
    </message>
    <message>
        <source>Backed up to {file}</source>
        <translation>已备份到 {file}</translation>
    </message>
    <message>
        <source>the backup from {when} ({kind})</source>
        <translation>{when} 的备份（{kind}）</translation>
    </message>
    <message>
        <source>Replace your collection with {what}? Your current collection is backed up first, so you can go back to it from this list.</source>
        <translation>用{what}替换你的收藏？当前收藏会先备份，之后可以从这个列表恢复。</translation>
    </message>
    <message>
        <source>Restored {file} (upgraded from schema {schema}). Your previous collection was saved as {copy}.</source>
        <translation>已恢复 {file}（已从数据库版本 {schema} 升级）。之前的收藏已另存为 {copy}。</translation>
    </message>
    <message>
        <source>Restored {file}. Your previous collection was saved as {copy}.</source>
        <translation>已恢复 {file}。之前的收藏已另存为 {copy}。</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>已恢复备份</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Restore from a backup file</source>
        <translation>从备份文件恢复</translation>
    </message>
    <message>
        <source>quizapp backups (*.db)</source>
        <translation>quizapp 备份 (*.db)</translation>
    </message>
    <message>
        <source>&amp;Backups…</source>
        <translation>备份(&amp;B)…</translation>
    </message>
</context>
<context>
    <name>Browser</name>
    <message>
        <source>Any origin</source>
        <translation>任意来源</translation>
    </message>
    <message>
        <source>From the deck</source>
        <translation>来自卡组</translation>
    </message>
    <message>
        <source>Edited by me</source>
        <translation>我编辑过的</translation>
    </message>
    <message>
        <source>Deck update waiting</source>
        <translation>有待处理的卡组更新</translation>
    </message>
    <message>
        <source>Added by me</source>
        <translation>我添加的</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新卡片</translation>
    </message>
    <message>
        <source>learning</source>
        <translation>学习中</translation>
    </message>
    <message>
        <source>review</source>
        <translation>复习</translation>
    </message>
    <message>
        <source>suspended</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>卡片</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>英文问题</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>间隔</translation>
    </message>
    <message>
        <source>Sec.</source>
        <translation>节</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Lapses</source>
        <translation>遗忘</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <source>Browse cards</source>
        <translation>浏览卡片</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Enter / double-click</source>
        <translation>Enter / 双击</translation>
    </message>
    <message>
        <source>Edit the card</source>
        <translation>编辑卡片</translation>
    </message>
    <message>
        <source>Suspend / unsuspend</source>
        <translation>暂停 / 取消暂停</translation>
    </message>
    <message>
        <source>Delete (asks first)</source>
        <translation>删除（会先确认）</translation>
    </message>
</context>
<context>
    <name>BrowserScreen</name>
    <message>
        <source>Search the text (中文 or English) or a card id…   (Ctrl+F)</source>
        <translation>搜索文本（中文或英文）或卡片 ID…   (Ctrl+F)</translation>
    </message>
    <message>
        <source>Any section</source>
        <translation>任意章节</translation>
    </message>
    <message>
        <source>Any kind</source>
        <translation>任意类型</translation>
    </message>
    <message>
        <source>Any state</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>任意标签</translation>
    </message>
    <message>
        <source>Any flag</source>
        <translation>任意标记</translation>
    </message>
    <message>
        <source>All decks</source>
        <translation>全部牌组</translation>
    </message>
    <message>
        <source>Due from</source>
        <translation>到期日从</translation>
    </message>
    <message>
        <source>EF from</source>
        <translation>EF 从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Select a card</source>
        <translation>请选择一张卡片</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>间隔</translation>
    </message>
    <message>
        <source>Add card…</source>
        <translation>添加卡片…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Compare with the deck&apos;s newer version…</source>
        <translation>与卡组的新版本对比…</translation>
    </message>
    <message>
        <source>Cannot search: {problem}</source>
        <translation>无法搜索：{problem}</translation>
    </message>
    <message>
        <source>Search failed: {error}</source>
        <translation>搜索失败：{error}</translation>
    </message>
    <message>
        <source>{count}+ cards</source>
        <translation>{count}+ 张卡片</translation>
    </message>
    <message numerus="yes">
        <source>%n card(s) selected</source>
        <translation>
            <numerusform>已选 %n 张卡片</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not open {card}: {error}</source>
        <translation>无法打开 {card}：{error}</translation>
    </message>
    <message>
        <source>deck update waiting</source>
        <translation>有待处理的卡组更新</translation>
    </message>
    <message>
        <source>edited by you</source>
        <translation>你编辑过</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新卡片</translation>
    </message>
    <message>
        <source>due {day}</source>
        <translation>{day} 到期</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>{due} · interval {interval}d · EF {ef} · {streak} in a row · {lapses} lapses · tags: {tags}</source>
        <translation>{due} · 间隔 {interval} 天 · EF {ef} · 连续答对 {streak} 次 · 遗忘 {lapses} 次 · 标签：{tags}</translation>
    </message>
    <message>
        <source> (undone)</source>
        <translation>（已撤销）</translation>
    </message>
    <message>
        <source>Unsuspend</source>
        <translation>取消暂停</translation>
    </message>
    <message>
        <source>Reset schedule</source>
        <translation>重置复习计划</translation>
    </message>
    <message numerus="yes">
        <source>Suspended %n card(s)</source>
        <translation>
            <numerusform>已暂停 %n 张卡片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unsuspended %n card(s)</source>
        <translation>
            <numerusform>已取消暂停 %n 张卡片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Make %n card(s) new again? Their review history stays.</source>
        <translation>
            <numerusform>把 %n 张卡片重置为新卡片？复习历史会保留。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reset %n card(s)</source>
        <translation>
            <numerusform>已重置 %n 张卡片</numerusform>
        </translation>
    </message>
    <message>
        <source> and {count} more</source>
        <translation> 等另外 {count} 张</translation>
    </message>
    <message>
        <source>Delete cards</source>
        <translation>删除卡片</translation>
    </message>
    <message>
        <source>Delete {names} with their schedules and review history? This cannot be undone. Cards of the bundled deck come back as new at the next deck import; suspend them instead to hide them for good.</source>
        <translation>删除 {names} 及其复习计划和复习历史？此操作无法撤销。内置卡组的卡片会在下次导入卡组时作为新卡片回来；若想永久隐藏，请改为暂停。</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n card(s)</source>
        <translation>
            <numerusform>已删除 %n 张卡片</numerusform>
        </translation>
    </message>
    <message>
        <source>This card comes from the bundled deck. Your version is kept when the deck is imported again; a newer deck version waits for you to compare.</source>
        <translation>这张卡片来自内置卡组。再次导入卡组时会保留你的版本；卡组的新版本会等你对比后再决定。</translation>
    </message>
    <message>
        <source>Your own card: it is never changed by a deck import.</source>
        <translation>你自己的卡片：导入卡组时不会被改动。</translation>
    </message>
    <message>
        <source>Saved {card}</source>
        <translation>已保存 {card}</translation>
    </message>
    <message>
        <source>Nothing to compare: no deck version is waiting for this card</source>
        <translation>无可对比：这张卡片没有待处理的卡组版本</translation>
    </message>
    <message>
        <source>Kept your version</source>
        <translation>已保留你的版本</translation>
    </message>
    <message>
        <source>Took the deck&apos;s version</source>
        <translation>已采用卡组的版本</translation>
    </message>
</context>
<context>
    <name>CardActions</name>
    <message>
        <source>{flag} flag</source>
        <translation>{flag}标记</translation>
    </message>
    <message>
        <source>flag removed</source>
        <translation>已取消标记</translation>
    </message>
    <message>
        <source>suspended</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>unsuspended</source>
        <translation>已取消暂停</translation>
    </message>
    <message>
        <source>buried until tomorrow</source>
        <translation>已搁置到明天</translation>
    </message>
</context>
<context>
    <name>CardEditor</name>
    <message>
        <source>Question and answer</source>
        <translation>问答</translation>
    </message>
    <message>
        <source>Cloze ({{c1::…}} blanks)</source>
        <translation>填空（{{c1::…}} 空）</translation>
    </message>
    <message>
        <source>Multiple choice</source>
        <translation>选择题</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>Why (中文)</source>
        <translation>解析（中文）</translation>
    </message>
    <message>
        <source>Why (English)</source>
        <translation>解析（英文）</translation>
    </message>
    <message>
        <source>(no demo)</source>
        <translation>（无演示）</translation>
    </message>
    <message>
        <source>demo parameters: {problem} (write one &apos;name = value&apos; per line)</source>
        <translation>演示参数：{problem}（每行写一个“name = value”）</translation>
    </message>
    <message>
        <source>Add a card</source>
        <translation>添加卡片</translation>
    </message>
    <message>
        <source>Edit card {card}</source>
        <translation>编辑卡片 {card}</translation>
    </message>
    <message>
        <source>assigned when saved</source>
        <translation>保存时分配</translation>
    </message>
    <message>
        <source>Card id</source>
        <translation>卡片 ID</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>章节</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Question (English)</source>
        <translation>问题（英文）</translation>
    </message>
    <message>
        <source>Sentence with blanks, e.g. Momentum {{c1::speeds up convergence}}.</source>
        <translation>英文填空句，例如 Momentum {{c1::speeds up convergence}}.</translation>
    </message>
    <message>
        <source>Answer (English)</source>
        <translation>答案（英文）</translation>
    </message>
    <message>
        <source>Question (中文)</source>
        <translation>问题（中文）</translation>
    </message>
    <message>
        <source>Text (中文)</source>
        <translation>文本（中文）</translation>
    </message>
    <message>
        <source>Text (English)</source>
        <translation>文本（英文）</translation>
    </message>
    <message>
        <source>Answer (中文)</source>
        <translation>答案（中文）</translation>
    </message>
    <message>
        <source>Add choice</source>
        <translation>添加选项</translation>
    </message>
    <message>
        <source>Remove choice</source>
        <translation>删除选项</translation>
    </message>
    <message>
        <source>Choices</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>comma-separated, e.g. optimizer, adam</source>
        <translation>用逗号分隔，例如 optimizer, adam</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>Demo parameters</source>
        <translation>演示参数</translation>
    </message>
    <message>
        <source>Not saved — please fix:</source>
        <translation>未保存 —— 请修正：</translation>
    </message>
</context>
<context>
    <name>CardInfo</name>
    <message>
        <source>new</source>
        <translation>新卡片</translation>
    </message>
    <message>
        <source>suspended</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>buried today</source>
        <translation>今天已搁置</translation>
    </message>
    <message>
        <source>{flag} flag</source>
        <translation>{flag}标记</translation>
    </message>
    <message>
        <source> (undone)</source>
        <translation>（已撤销）</translation>
    </message>
    <message>
        <source>Section {section} · {kind} · tags: {tags}</source>
        <translation>第 {section} 节 · {kind} · 标签：{tags}</translation>
    </message>
    <message>
        <source>Due: {due} · interval {interval}d · EF {ef} · {streak} in a row · {lapses} lapses · {answers}</source>
        <translation>到期：{due} · 间隔 {interval} 天 · EF {ef} · 连续答对 {streak} 次 · 遗忘 {lapses} 次 · {answers}</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>间隔</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>Never answered</source>
        <translation>从未作答</translation>
    </message>
</context>
<context>
    <name>CardInfoDialog</name>
    <message>
        <source>Card info: {card}</source>
        <translation>卡片信息：{card}</translation>
    </message>
</context>
<context>
    <name>CardKinds</name>
    <message>
        <source>question</source>
        <translation>问答题</translation>
    </message>
    <message>
        <source>cloze</source>
        <translation>填空题</translation>
    </message>
    <message>
        <source>multiple choice</source>
        <translation>选择题</translation>
    </message>
</context>
<context>
    <name>CardTableModel</name>
    <message>
        <source>You edited this card and the deck has a newer version: Compare with the deck…</source>
        <translation>你编辑过这张卡片，而卡组有更新的版本：请与卡组对比…</translation>
    </message>
    <message>
        <source>Edited by you; deck imports leave your version alone</source>
        <translation>你编辑过；导入卡组不会改动你的版本</translation>
    </message>
</context>
<context>
    <name>ChangeListener</name>
    <message>
        <source>Offline: {error}. Answers not saved stay on screen; quizapp reconnects by itself.</source>
        <translation>离线：{error}。未保存的回答会留在屏幕上；quizapp 会自动重新连接。</translation>
    </message>
    <message>
        <source>The collection&apos;s server is reachable again</source>
        <translation>收藏所在的服务器已重新连上</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>--now: &apos;{text}&apos; is outside the supported range {low} to {high}</source>
        <translation>--now：“{text}”超出了支持的范围 {low} 至 {high}</translation>
    </message>
    <message>
        <source>--now: &apos;{text}&apos; is not an ISO 8601 date-time (e.g. 2026-11-26T09:30:00+08:00)</source>
        <translation>--now：“{text}”不是 ISO 8601 日期时间（例如 2026-11-26T09:30:00+08:00）</translation>
    </message>
    <message>
        <source>--now: the UTC offset {offset} is outside {low} to {high}</source>
        <translation>--now：UTC 偏移 {offset} 超出了 {low} 至 {high} 的范围</translation>
    </message>
    <message>
        <source>--db {db} is an in-memory database: nothing would be kept between commands; give a file path</source>
        <translation>--db {db} 是内存数据库：命令之间不会保留任何内容；请给出文件路径</translation>
    </message>
    <message>
        <source>{day}: {due} due, {redrill} to re-drill, {new} new</source>
        <translation>{day}：{due} 张到期，{redrill} 张待重练，{new} 张新卡片</translation>
    </message>
    <message>
        <source>this collection has no cards yet: run &apos;quizapp import&apos; to load the bundled deck</source>
        <translation>这个收藏还没有卡片：运行“quizapp import”载入内置卡组</translation>
    </message>
    <message>
        <source>deck {deck}</source>
        <translation>卡组 {deck}</translation>
    </message>
    <message>
        <source>SM-2 vs FSRS on your reviews (later part of the log):</source>
        <translation>SM-2 与 FSRS 在你的复习记录上的对比（记录的后段）：</translation>
    </message>
    <message numerus="yes">
        <source>%n card(s) in deck {deck}</source>
        <translation>
            <numerusform>卡组 {deck} 中有 %n 张卡片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n card(s)</source>
        <translation>
            <numerusform>%n 张卡片</numerusform>
        </translation>
    </message>
    <message>
        <source>database file or SQLAlchemy URL (default: $QUIZAPP_DB or the user data folder)</source>
        <translation>数据库文件或 SQLAlchemy URL（默认：$QUIZAPP_DB 或用户数据文件夹）</translation>
    </message>
    <message>
        <source>ISO 8601 date-time to act at (default: now)</source>
        <translation>按此 ISO 8601 日期时间执行（默认：现在）</translation>
    </message>
    <message>
        <source>machine-readable output</source>
        <translation>输出机器可读的 JSON</translation>
    </message>
    <message>
        <source>only this deck and its sub-decks (e.g. NNDL::ch07, or NNDL for every NNDL::… deck)</source>
        <translation>只限此卡组及其子卡组（例如 NNDL::ch07；NNDL 表示所有 NNDL::… 卡组）</translation>
    </message>
    <message>
        <source>Flashcards, quizzes and live PyTorch demos for deep-learning interview prep. With no command, opens the desktop app.</source>
        <translation>深度学习面试准备：抽认卡、测验和实时 PyTorch 演示。不带命令时打开桌面应用。</translation>
    </message>
    <message>
        <source>load deck files (default: the bundled deck) into the database</source>
        <translation>把卡组文件（默认：自带卡组）导入数据库</translation>
    </message>
    <message>
        <source>deck .toml files or folders</source>
        <translation>卡组 .toml 文件或文件夹</translation>
    </message>
    <message>
        <source>the deck for files without a [deck] header (default: named after the file), or a new name for a headed deck</source>
        <translation>没有 [deck] 头的文件所属的卡组（默认：以文件名命名），或给有头的卡组起的新名字</translation>
    </message>
    <message>
        <source>what is due now, in queue order</source>
        <translation>现在到期的卡片，按队列顺序</translation>
    </message>
    <message>
        <source>show at most N cards</source>
        <translation>最多显示 N 张卡片</translation>
    </message>
    <message>
        <source>grade one card: 0-5 or again/hard/good/easy</source>
        <translation>给一张卡片评分：0-5 或 again/hard/good/easy</translation>
    </message>
    <message>
        <source>time spent on the card (milliseconds)</source>
        <translation>在这张卡片上花的时间（毫秒）</translation>
    </message>
    <message>
        <source>one card: text, scheduling state, review history</source>
        <translation>一张卡片：内容、调度状态、复习历史</translation>
    </message>
    <message>
        <source>the card&apos;s language (default: both)</source>
        <translation>卡片的语言（默认：两种都显示）</translation>
    </message>
    <message>
        <source>counts, reviews per day, retention, forecast</source>
        <translation>数量、每日复习、记忆保持率、预测</translation>
    </message>
    <message>
        <source>history window in days</source>
        <translation>统计的历史天数</translation>
    </message>
    <message>
        <source>add SM-2 vs FSRS (log loss, RMSE; fits FSRS: seconds) and FSRS&apos;s 30-day forecast</source>
        <translation>加上 SM-2 与 FSRS 的对比（对数损失、RMSE；需拟合 FSRS：耗时数秒）和 FSRS 的 30 天预测</translation>
    </message>
    <message>
        <source>find cards by text, like the card browser</source>
        <translation>按文字查找卡片，与卡片浏览器相同</translation>
    </message>
    <message>
        <source>words that must all appear (zh, en or the id)</source>
        <translation>必须全部出现的词（中文、英文或卡片 id）</translation>
    </message>
    <message>
        <source>only these sections</source>
        <translation>只限这些小节</translation>
    </message>
    <message>
        <source>show at most N cards (default: 50)</source>
        <translation>最多显示 N 张卡片（默认：50）</translation>
    </message>
    <message>
        <source>the database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>quizapp: interrupted</source>
        <translation>quizapp：已中断</translation>
    </message>
    <message>
        <source>quizapp: error: {message}</source>
        <translation>quizapp：错误：{message}</translation>
    </message>
    <message>
        <source>Anki files: also take each card&apos;s schedule (interval, ease, due date, suspension) and its review history</source>
        <translation>Anki 文件：同时导入每张卡片的调度（间隔、难度系数、到期日、暂停）及其复习历史</translation>
    </message>
    <message>
        <source>write the cards as an Anki package (.apkg) or Anki&apos;s CSV text format</source>
        <translation>把卡片写成 Anki 包（.apkg）或 Anki 的 CSV 文本格式</translation>
    </message>
    <message>
        <source>Export the cards for Anki: a schema-11 .apkg that every Anki version imports (notes keep stable GUIDs; sections become decks NNDL::ch07::7.2), or tab-separated text in Anki&apos;s format with headers.</source>
        <translation>为 Anki 导出卡片：各版本 Anki 都能导入的 schema-11 .apkg（笔记保持稳定的 GUID；小节成为卡组 NNDL::ch07::7.2），或带文件头的 Anki 格式制表符分隔文本。</translation>
    </message>
    <message>
        <source>the file to write (replaced whole)</source>
        <translation>要写入的文件（整个替换）</translation>
    </message>
    <message>
        <source>default: from the file name (.apkg, .toml, else csv); toml: one quizapp deck as a deck file that `quizapp import` reads back into the same deck</source>
        <translation>默认：按文件名判断（.apkg、.toml，其余为 csv）；toml：把一个 quizapp 卡组写成卡组文件，`quizapp import` 可读回同一卡组</translation>
    </message>
    <message>
        <source>only this deck and the decks under it (e.g. NNDL::ch07::7.2, or 7.2); toml: the deck to write (required)</source>
        <translation>只限此卡组及其下的卡组（例如 NNDL::ch07::7.2 或 7.2）；toml：要写出的卡组（必填）</translation>
    </message>
    <message>
        <source>apkg: include each card&apos;s schedule and the review log; toml: each card&apos;s schedule</source>
        <translation>apkg：包含每张卡片的调度和复习记录；toml：包含每张卡片的调度</translation>
    </message>
    <message>
        <source>import Anki files (.apkg, .colpkg, .csv) and deck files (.toml) in separate commands</source>
        <translation>请用不同的命令分别导入 Anki 文件（.apkg、.colpkg、.csv）和卡组文件（.toml）</translation>
    </message>
    <message>
        <source>--with-scheduling needs --format apkg (Anki&apos;s text format holds no schedule)</source>
        <translation>--with-scheduling 需要 --format apkg（Anki 的文本格式不含调度信息）</translation>
    </message>
    <message>
        <source>cannot write {out}: the folder {folder} does not exist</source>
        <translation>无法写入 {out}：文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <source>--format toml writes one deck: give it with --deck NAME (see: quizapp deck list)</source>
        <translation>--format toml 只写出一个卡组：请用 --deck NAME 指定（参见：quizapp deck list）</translation>
    </message>
    <message>
        <source>the decks: list, rename, delete, set limits; render deck files</source>
        <translation>卡组：列出、重命名、删除、设置上限；渲染卡组文件</translation>
    </message>
    <message>
        <source>The decks of the collection, and tools for the deck files.</source>
        <translation>收藏中的卡组，以及卡组文件的工具。</translation>
    </message>
    <message>
        <source>render the whole deck as Markdown (e.g. docs/deck.md)</source>
        <translation>把整个卡组渲染为 Markdown（例如 docs/deck.md）</translation>
    </message>
    <message>
        <source>Render the deck (default: the bundled one) as Markdown grouped by section: every card in both languages, cloze answers in bold, mcq choices with the right one marked, corrections and demo presets.</source>
        <translation>把卡组（默认：自带卡组）按小节渲染为 Markdown：每张卡片都有中英两种语言，填空答案加粗，选择题标出正确选项，附勘误和演示预设。</translation>
    </message>
    <message>
        <source>deck .toml files or folders (default: the bundled deck)</source>
        <translation>卡组 .toml 文件或文件夹（默认：自带卡组）</translation>
    </message>
    <message>
        <source>write to this file instead of stdout (left untouched when unchanged)</source>
        <translation>写入此文件而不是标准输出（内容未变时不改动文件）</translation>
    </message>
    <message>
        <source>with --out: write nothing, exit 1 if the file differs from a fresh rendering</source>
        <translation>与 --out 一起用：不写入，文件与重新渲染的结果不同时以 1 退出</translation>
    </message>
    <message>
        <source>the decks as a tree with today&apos;s new / learn / due counts</source>
        <translation>以树形列出卡组及今天的新卡 / 学习中 / 到期数量</translation>
    </message>
    <message>
        <source>Every deck (sub-decks under their parents) with what studying it would show today under the daily limits, and the collection&apos;s total.</source>
        <translation>列出每个卡组（子卡组在父卡组之下），以及在每日上限下今天学习它会出现的卡片，和整个收藏的合计。</translation>
    </message>
    <message>
        <source>rename a deck (its sub-decks follow); nothing else changes</source>
        <translation>重命名卡组（子卡组随之改名）；其他都不变</translation>
    </message>
    <message>
        <source>delete a deck and its sub-decks with their cards (after a backup)</source>
        <translation>删除卡组及其子卡组和其中的卡片（先做备份）</translation>
    </message>
    <message>
        <source>do not ask (needed when stdin is not a terminal)</source>
        <translation>不询问确认（标准输入不是终端时必须加）</translation>
    </message>
    <message>
        <source>a deck&apos;s options: daily limits (its sub-decks count against them), its scheduler (its sub-decks follow unless they choose)</source>
        <translation>卡组的选项：每日上限（子卡组计入其中）、调度算法（子卡组沿用，除非自己另选）</translation>
    </message>
    <message>
        <source>new cards a day in this deck and its sub-decks (&apos;none&apos;: no own limit)</source>
        <translation>此卡组及其子卡组每天的新卡数（&apos;none&apos;：不设自己的上限）</translation>
    </message>
    <message>
        <source>reviews a day in this deck and its sub-decks (&apos;none&apos;: no own limit)</source>
        <translation>此卡组及其子卡组每天的复习数（&apos;none&apos;：不设自己的上限）</translation>
    </message>
    <message>
        <source>sm2 or fsrs for this deck (&apos;none&apos;: as its parent or the collection); switching rewrites no history: FSRS rebuilds each card&apos;s memory from its review log</source>
        <translation>此卡组用 sm2 还是 fsrs（&apos;none&apos;：与父卡组或收藏相同）；切换不改写历史：FSRS 会从复习记录重建每张卡片的记忆状态</translation>
    </message>
    <message>
        <source>FSRS: the recall probability at which a card falls due, 0.7-0.99 (&apos;none&apos;: inherit)</source>
        <translation>FSRS：卡片到期时的回忆概率，0.7-0.99（&apos;none&apos;：继承）</translation>
    </message>
    <message>
        <source>the longest interval in days for this deck (&apos;none&apos;: inherit)</source>
        <translation>此卡组的最长间隔天数（&apos;none&apos;：继承）</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not one of {choices} (or &apos;none&apos;)</source>
        <translation>“{text}”不是 {choices} 之一（或 &apos;none&apos;）</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number (or &apos;none&apos;)</source>
        <translation>“{text}”不是数字（或 &apos;none&apos;）</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a whole number (or &apos;none&apos;)</source>
        <translation>“{text}”不是整数（或 &apos;none&apos;）</translation>
    </message>
    <message>
        <source>deck</source>
        <translation>卡组</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新卡</translation>
    </message>
    <message>
        <source>learn</source>
        <translation>学习中</translation>
    </message>
    <message>
        <source>due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>cards</source>
        <translation>卡片</translation>
    </message>
    <message>
        <source>new per day {n}</source>
        <translation>每天新卡 {n}</translation>
    </message>
    <message>
        <source>reviews per day {n}</source>
        <translation>每天复习 {n}</translation>
    </message>
    <message>
        <source>all decks</source>
        <translation>全部卡组</translation>
    </message>
    <message>
        <source>renamed {old} -&gt; {new}</source>
        <translation>已重命名 {old} -&gt; {new}</translation>
    </message>
    <message>
        <source>deleting deck &apos;{name}&apos; needs confirmation: add --yes</source>
        <translation>删除卡组“{name}”需要确认：请加 --yes</translation>
    </message>
    <message>
        <source>Delete {decks} with every card, schedule and review of it? A backup is made first. Type the deck name to confirm: </source>
        <translation>删除 {decks} 及其全部卡片、调度和复习记录吗？删除前会先做备份。输入卡组名称以确认：</translation>
    </message>
    <message>
        <source>nothing deleted</source>
        <translation>未删除任何内容</translation>
    </message>
    <message>
        <source>deleted {decks} ({n} cards); backup: {backup}</source>
        <translation>已删除 {decks}（{n} 张卡片）；备份：{backup}</translation>
    </message>
    <message>
        <source>deleted {decks} ({n} cards)</source>
        <translation>已删除 {decks}（{n} 张卡片）</translation>
    </message>
    <message>
        <source>give at least one of --new-per-day, --reviews-per-day, --scheduler, --desired-retention, --maximum-interval</source>
        <translation>请至少给出 --new-per-day、--reviews-per-day、--scheduler、--desired-retention、--maximum-interval 中的一项</translation>
    </message>
    <message>
        <source>as the collection</source>
        <translation>与收藏相同</translation>
    </message>
    <message>
        <source>--check needs --out FILE (the rendering to compare with)</source>
        <translation>--check 需要 --out FILE（用来比较的渲染结果）</translation>
    </message>
    <message>
        <source>{out} is out of date; run: quizapp deck render --out {out}</source>
        <translation>{out} 已过时；请运行：quizapp deck render --out {out}</translation>
    </message>
    <message>
        <source>{out} is up to date ({n} cards)</source>
        <translation>{out} 是最新的（{n} 张卡片）</translation>
    </message>
    <message>
        <source>wrote {out} ({n} cards)</source>
        <translation>已写入 {out}（{n} 张卡片）</translation>
    </message>
    <message>
        <source>unchanged: {out} ({n} cards)</source>
        <translation>未改动：{out}（{n} 张卡片）</translation>
    </message>
    <message>
        <source>list or run the live demos headless</source>
        <translation>无界面地列出或运行实时演示</translation>
    </message>
    <message>
        <source>every demo id with its title and parameters</source>
        <translation>列出每个演示的 id、标题和参数</translation>
    </message>
    <message>
        <source>run one demo</source>
        <translation>运行一个演示</translation>
    </message>
    <message>
        <source>set a parameter</source>
        <translation>设置一个参数</translation>
    </message>
    <message>
        <source>where the demo&apos;s tensors live (default: auto)</source>
        <translation>演示的张量放在哪个设备上（默认：auto）</translation>
    </message>
    <message>
        <source>write the figure to this PNG file</source>
        <translation>把图写入此 PNG 文件</translation>
    </message>
    <message>
        <source>figure language</source>
        <translation>图的语言</translation>
    </message>
    <message>
        <source>--set expects NAME=VALUE, got &apos;{pair}&apos;</source>
        <translation>--set 需要 NAME=VALUE，收到的是“{pair}”</translation>
    </message>
    <message>
        <source>{demo} on {device}:</source>
        <translation>{demo} 在 {device} 上：</translation>
    </message>
    <message>
        <source>note: {message}</source>
        <translation>注意：{message}</translation>
    </message>
    <message>
        <source>figure written to {out}</source>
        <translation>图已写入 {out}</translation>
    </message>
    <message>
        <source>add quizapp to the desktop&apos;s application menu and open .apkg and deck files with it</source>
        <translation>把 quizapp 加入桌面的应用程序菜单，并用它打开 .apkg 和卡组文件</translation>
    </message>
    <message>
        <source>Install a desktop entry, the icon and the MIME types for .apkg and quizapp deck files under $XDG_DATA_HOME (default ~/.local/share), for this user. The entry starts this quizapp (this virtual environment&apos;s, or this built folder&apos;s).</source>
        <translation>为当前用户在 $XDG_DATA_HOME（默认 ~/.local/share）下安装桌面条目、图标以及 .apkg 和 quizapp 卡组文件的 MIME 类型。该条目启动的是这个 quizapp（本虚拟环境中的，或本构建文件夹中的）。</translation>
    </message>
    <message>
        <source>do not run update-desktop-database / update-mime-database / gtk-update-icon-cache</source>
        <translation>不运行 update-desktop-database / update-mime-database / gtk-update-icon-cache</translation>
    </message>
    <message>
        <source>remove what install-desktop installed</source>
        <translation>移除 install-desktop 安装的内容</translation>
    </message>
    <message>
        <source>do not refresh the desktop and MIME caches</source>
        <translation>不刷新桌面和 MIME 缓存</translation>
    </message>
    <message>
        <source>cannot open {path}: no such file</source>
        <translation>无法打开 {path}：没有这个文件</translation>
    </message>
    <message>
        <source>FSRS scheduling: choose it, fit it, compare it with SM-2</source>
        <translation>FSRS 调度：选用、拟合、与 SM-2 比较</translation>
    </message>
    <message>
        <source>FSRS beside SM-2 (docs/fsrs.md).</source>
        <translation>FSRS 与 SM-2 并存（docs/fsrs.md）。</translation>
    </message>
    <message>
        <source>schedule with sm2 (the default) or fsrs</source>
        <translation>用 sm2（默认）或 fsrs 调度</translation>
    </message>
    <message>
        <source>Choose the scheduler. Switching converts nothing in the log: FSRS rebuilds each card&apos;s memory from its review history when it next sees it.</source>
        <translation>选择调度算法。切换不会转换记录中的任何内容：FSRS 下次遇到某张卡片时，会从它的复习历史重建记忆状态。</translation>
    </message>
    <message>
        <source>FSRS desired retention, 0.7-0.99 (default 0.9)</source>
        <translation>FSRS 期望记忆保持率，0.7-0.99（默认 0.9）</translation>
    </message>
    <message>
        <source>fit FSRS&apos;s parameters to the review log (fsrs-rs, Anki&apos;s optimizer)</source>
        <translation>用复习记录拟合 FSRS 的参数（fsrs-rs，Anki 的优化器）</translation>
    </message>
    <message>
        <source>fit this deck&apos;s answers (its sub-decks&apos; too) and store the parameters as the deck&apos;s own; default: the whole log, the collection&apos;s parameters</source>
        <translation>用这个牌组（连同其子牌组）的回答拟合，并把参数保存为该牌组自己的参数；默认：整个复习记录，保存为题库的参数</translation>
    </message>
    <message>
        <source>log loss and RMSE of SM-2 vs FSRS on your own log, split in time</source>
        <translation>在你自己的记录上按时间切分，比较 SM-2 与 FSRS 的对数损失和 RMSE</translation>
    </message>
    <message>
        <source>the earliest share of scored answers used to fit FSRS (default 0.8)</source>
        <translation>用来拟合 FSRS 的最早一部分已评分答案的比例（默认 0.8）</translation>
    </message>
    <message>
        <source>compare SM-2 with default FSRS only</source>
        <translation>只和默认参数的 FSRS 比较</translation>
    </message>
    <message>
        <source>FSRS&apos;s forecast: reviews per day, retention vs workload</source>
        <translation>FSRS 的预测：每日复习量、记忆保持率与工作量</translation>
    </message>
    <message>
        <source>days ahead, e.g. until the interview (default 30)</source>
        <translation>向前预测的天数，例如到面试为止（默认 30）</translation>
    </message>
    <message>
        <source>scheduler: {scheduler} (desired retention {retention})</source>
        <translation>调度算法：{scheduler}（期望记忆保持率 {retention}）</translation>
    </message>
    <message>
        <source>parameters: {values}</source>
        <translation>参数：{values}</translation>
    </message>
    <message>
        <source>log loss {loss_before} -&gt; {loss_after}, RMSE(bins) {rmse_before} -&gt; {rmse_after} (on the answers fitted)</source>
        <translation>对数损失 {loss_before} -&gt; {loss_after}，RMSE(bins) {rmse_before} -&gt; {rmse_after}（在参与拟合的回答上）</translation>
    </message>
    <message>
        <source>--train-fraction must be between 0 and 1, got {value}</source>
        <translation>--train-fraction 必须在 0 和 1 之间，收到的是 {value}</translation>
    </message>
    <message>
        <source>--days must be 1 to 3650, got {value}</source>
        <translation>--days 必须在 1 到 3650 之间，收到的是 {value}</translation>
    </message>
    <message>
        <source>predicted recall of the cards seen, now: {recall}</source>
        <translation>已学卡片现在的预测回忆率：{recall}</translation>
    </message>
    <message>
        <source>reviews per day, next {days} days (retention {retention}):</source>
        <translation>未来 {days} 天每天的复习数（记忆保持率 {retention}）：</translation>
    </message>
    <message>
        <source>desired retention -&gt; reviews in total, recall at the end</source>
        <translation>期望记忆保持率 -&gt; 复习总数，期末回忆率</translation>
    </message>
    <message>
        <source>turn your own notes (.txt, .md) into a deck of cards</source>
        <translation>把你自己的笔记（.txt、.md）变成一个卡组</translation>
    </message>
    <message>
        <source>Turn study notes into cards.</source>
        <translation>把学习笔记变成卡片。</translation>
    </message>
    <message>
        <source>read notes files, write their deck file and import it</source>
        <translation>读取笔记文件，写出卡组文件并导入</translation>
    </message>
    <message>
        <source>Read notes (the plain-text format of the chapter notes, or Markdown), write the deck file (TOML, as content/) and import it. Importing edited notes again updates the answers and keeps every card&apos;s schedule.</source>
        <translation>读取笔记（章节笔记的纯文本格式，或 Markdown），写出卡组文件（TOML，与 content/ 中相同）并导入。再次导入修改过的笔记会更新答案，并保留每张卡片的调度。</translation>
    </message>
    <message>
        <source>notes files (.txt: plain text; .md: Markdown)</source>
        <translation>笔记文件（.txt：纯文本；.md：Markdown）</translation>
    </message>
    <message>
        <source>the deck&apos;s name, e.g. NNDL::ch07 (default: Notes::&lt;first file&apos;s name&gt;)</source>
        <translation>卡组名称，例如 NNDL::ch07（默认：Notes::&lt;第一个文件名&gt;）</translation>
    </message>
    <message>
        <source>where to write the deck file (default: decks/ in the user data folder)</source>
        <translation>卡组文件写到哪里（默认：用户数据文件夹中的 decks/）</translation>
    </message>
    <message>
        <source>print the report and write nothing</source>
        <translation>打印报告，不写入任何内容</translation>
    </message>
    <message>
        <source>questions reworded since the last import are the same cards (keep their schedules)</source>
        <translation>自上次导入后改写过措辞的问题仍是同一张卡片（保留其调度）</translation>
    </message>
    <message>
        <source>questions reworded since the last import become new cards</source>
        <translation>自上次导入后改写过措辞的问题成为新卡片</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>已更新</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <source>notes: {files}</source>
        <translation>笔记：{files}</translation>
    </message>
    <message>
        <source>deck: {deck} -&gt; {out} (dry run: nothing written)</source>
        <translation>卡组：{deck} -&gt; {out}（试运行：未写入任何内容）</translation>
    </message>
    <message numerus="yes">
        <source>cards: {n} ({by_status}) in %n section(s)</source>
        <translation>
            <numerusform>卡片：{n} 张（{by_status}），共 %n 个小节</numerusform>
        </translation>
    </message>
    <message>
        <source>PICTURE ONLY</source>
        <translation>仅有图片</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>第 {line} 行</translation>
    </message>
    <message>
        <source>Q: {question}</source>
        <translation>问：{question}</translation>
    </message>
    <message>
        <source>(only a picture, lost)</source>
        <translation>（只有一张图片，已丢失）</translation>
    </message>
    <message>
        <source>{answer}  [{n} chars]</source>
        <translation>{answer}  [{n} 个字符]</translation>
    </message>
    <message>
        <source>A: {answer}</source>
        <translation>答：{answer}</translation>
    </message>
    <message>
        <source>{title} ({n}):</source>
        <translation>{title}（{n}）：</translation>
    </message>
    <message>
        <source>{title}: none</source>
        <translation>{title}：无</translation>
    </message>
    <message>
        <source>questions without an answer (not imported)</source>
        <translation>没有答案的问题（未导入）</translation>
    </message>
    <message>
        <source>answers that were only a lost picture (imported, flagged picture-lost)</source>
        <translation>只有一张丢失图片的答案（已导入，标记为 picture-lost）</translation>
    </message>
    <message>
        <source>(first at {where})</source>
        <translation>（首次出现于 {where}）</translation>
    </message>
    <message>
        <source>({percent} alike)</source>
        <translation>（相似度 {percent}）</translation>
    </message>
    <message>
        <source>duplicates (left out; the first is the card)</source>
        <translation>重复的问题（已略去；以第一次出现的为准）</translation>
    </message>
    <message>
        <source>reworded questions matching earlier cards (need --accept-renames or --reject-renames)</source>
        <translation>与已有卡片相匹配的改写问题（需要 --accept-renames 或 --reject-renames）</translation>
    </message>
    <message>
        <source>earlier cards of the deck no longer in the notes (kept)</source>
        <translation>卡组中已不在笔记里的旧卡片（保留）</translation>
    </message>
    <message>
        <source>text under no question (not imported)</source>
        <translation>不属于任何问题的文字（未导入）</translation>
    </message>
    <message>
        <source>run a quiz in the terminal (answers typed on stdin)</source>
        <translation>在终端里做测验（从标准输入输入答案）</translation>
    </message>
    <message>
        <source>Run a quiz in the terminal: mcq by number, cloze typed, qa revealed and self-graded 0-5. Piped stdin works (one answer per line).</source>
        <translation>在终端里做测验：选择题输入编号，填空题输入答案，问答题显示答案后自评 0-5。也可以通过管道输入（每行一个答案）。</translation>
    </message>
    <message>
        <source>sections to draw from (default: all of {sections})</source>
        <translation>从哪些小节出题（默认：全部 {sections}）</translation>
    </message>
    <message>
        <source>card kinds: qa, cloze, mcq (default: all)</source>
        <translation>卡片类型：qa、cloze、mcq（默认：全部）</translation>
    </message>
    <message>
        <source>number of questions (default: 10)</source>
        <translation>题目数量（默认：10）</translation>
    </message>
    <message>
        <source>draw the same quiz again with the same seed</source>
        <translation>用相同的种子再抽出同一套测验</translation>
    </message>
    <message>
        <source>the cards&apos; language (default: the setting)</source>
        <translation>卡片的语言（默认：按设置）</translation>
    </message>
    <message>
        <source>only this deck and its sub-decks</source>
        <translation>只限此卡组及其子卡组</translation>
    </message>
    <message>
        <source>show past scores and the weakest sections instead</source>
        <translation>改为显示以往成绩和最薄弱的小节</translation>
    </message>
    <message>
        <source>all sections</source>
        <translation>全部小节</translation>
    </message>
    <message numerus="yes">
        <source>Quiz: %n question(s) from {where} (seed {seed}). End input (Ctrl-D) to stop early.</source>
        <translation>
            <numerusform>测验：%n 道题，来自 {where}（种子 {seed}）。结束输入（Ctrl-D）可提前停止。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>quizapp: input ended; %n question(s) left unanswered</source>
        <translation>
            <numerusform>quizapp：输入已结束；还有 %n 道题未作答</numerusform>
        </translation>
    </message>
    <message>
        <source>answer (1-{n})&gt; </source>
        <translation>答案（1-{n}）&gt; </translation>
    </message>
    <message>
        <source>type a number from 1 to {n}</source>
        <translation>请输入 1 到 {n} 之间的数字</translation>
    </message>
    <message>
        <source>your answer (optional; Enter shows the model answer)&gt; </source>
        <translation>你的答案（可不填；按回车显示参考答案）&gt; </translation>
    </message>
    <message>
        <source>Model answer:</source>
        <translation>参考答案：</translation>
    </message>
    <message>
        <source>grade yourself 0-5 (or again/hard/good/easy)&gt; </source>
        <translation>给自己评分 0-5（或 again/hard/good/easy）&gt; </translation>
    </message>
    <message>
        <source>✓ right</source>
        <translation>✓ 正确</translation>
    </message>
    <message>
        <source>✗ partly right ({right} of {n} blanks)</source>
        <translation>✗ 部分正确（{n} 个空答对 {right} 个）</translation>
    </message>
    <message>
        <source>✗ missed</source>
        <translation>✗ 答错</translation>
    </message>
    <message>
        <source>; it is due again today</source>
        <translation>；今天会再次出现</translation>
    </message>
    <message>
        <source>Score: {points}/{total} ({percent}%) · {right} right, {missed} missed, {unanswered} unanswered</source>
        <translation>得分：{points}/{total}（{percent}%）· 正确 {right}，答错 {missed}，未答 {unanswered}</translation>
    </message>
    <message>
        <source>{right}/{n} right ({percent}%)</source>
        <translation>正确 {right}/{n}（{percent}%）</translation>
    </message>
    <message>
        <source>To review:</source>
        <translation>需要复习：</translation>
    </message>
    <message>
        <source>  → due again today</source>
        <translation>  → 今天会再次出现</translation>
    </message>
    <message>
        <source>demo: {command}</source>
        <translation>演示：{command}</translation>
    </message>
    <message>
        <source>no quizzes yet (run &apos;quizapp quiz&apos;)</source>
        <translation>还没有做过测验（运行 &apos;quizapp quiz&apos;）</translation>
    </message>
    <message>
        <source>Recent quizzes:</source>
        <translation>最近的测验：</translation>
    </message>
    <message>
        <source>({answered}/{n} answered)</source>
        <translation>（已答 {answered}/{n}）</translation>
    </message>
    <message>
        <source>Weakest sections (latest answers):</source>
        <translation>最薄弱的小节（按最近的答题）：</translation>
    </message>
    <message>
        <source>Weakest sections: not enough answers yet</source>
        <translation>最薄弱的小节：答题还不够多</translation>
    </message>
    <message numerus="yes">
        <source>over %n answer(s)</source>
        <translation>
            <numerusform>共 %n 次答题</numerusform>
        </translation>
    </message>
    <message>
        <source>run a search demo or the batched sweep as an Optuna study of many workers</source>
        <translation>把搜索演示或批量扫描作为多个 worker 共享的 Optuna study 运行</translation>
    </message>
    <message>
        <source>create a study (and work on it in this process)</source>
        <translation>创建一个 study（并在本进程中运行它）</translation>
    </message>
    <message>
        <source>one of: {demos}</source>
        <translation>以下之一：{demos}</translation>
    </message>
    <message>
        <source>set a demo parameter</source>
        <translation>设置一个演示参数</translation>
    </message>
    <message>
        <source>search demos: trials to finish (default: the demo&apos;s budget)</source>
        <translation>搜索演示：要完成的试验数（默认：演示自己的预算）</translation>
    </message>
    <message>
        <source>search demos: the Optuna sampler (grid-vs-random: random or grid; bayesian-optimization: tpe, gp or random)</source>
        <translation>搜索演示：Optuna 采样器（grid-vs-random：random 或 grid；bayesian-optimization：tpe、gp 或 random）</translation>
    </message>
    <message>
        <source>batched-sweep: chunks the configurations are split into (default 8)</source>
        <translation>batched-sweep：把配置分成多少块（默认 8）</translation>
    </message>
    <message>
        <source>batched-sweep: learning rates x second-axis values (default: the demo&apos;s n_lr x n_axis2)</source>
        <translation>batched-sweep：学习率个数 x 第二轴取值个数（默认：演示的 n_lr x n_axis2）</translation>
    </message>
    <message>
        <source>create the study and leave the work to workers</source>
        <translation>只创建 study，把计算留给 worker</translation>
    </message>
    <message>
        <source>take trials of a study until it is done</source>
        <translation>领取 study 的试验，直到完成</translation>
    </message>
    <message>
        <source>stop after this many trials</source>
        <translation>完成这么多个试验后停止</translation>
    </message>
    <message>
        <source>a study&apos;s progress; a finished sweep&apos;s best configuration</source>
        <translation>study 的进度；已完成扫描的最佳配置</translation>
    </message>
    <message>
        <source>the studies in a storage</source>
        <translation>存储中的全部 study</translation>
    </message>
    <message>
        <source>RDB URL or journal file (default: sweeps.journal in the user data folder)</source>
        <translation>RDB URL 或 journal 文件（默认：用户数据文件夹中的 sweeps.journal）</translation>
    </message>
    <message>
        <source>RDB URL (sqlite:///sweeps.db, postgresql+psycopg://…) or journal file (default: sweeps.journal in the user data folder); never the collection</source>
        <translation>RDB URL（sqlite:///sweeps.db、postgresql+psycopg://…）或 journal 文件（默认：用户数据文件夹中的 sweeps.journal）；不能是收藏数据库</translation>
    </message>
    <message>
        <source>the study&apos;s name</source>
        <translation>study 的名称</translation>
    </message>
    <message>
        <source>where the trials&apos; tensors live (default: cpu)</source>
        <translation>试验的张量放在哪个设备上（默认：cpu）</translation>
    </message>
    <message>
        <source>RDB storage: heartbeat interval; a trial silent for 3 of them is failed and retried</source>
        <translation>RDB 存储：心跳间隔；连续 3 个间隔没有心跳的试验判为失败并重试</translation>
    </message>
    <message>
        <source>expected LRxN (e.g. 400x250), got &apos;{text}&apos;</source>
        <translation>需要 LRxN（例如 400x250），收到的是“{text}”</translation>
    </message>
    <message>
        <source>{configs} configurations in {chunks} chunks</source>
        <translation>{configs} 个配置，分成 {chunks} 块</translation>
    </message>
    <message>
        <source>{trials} trials, {sampler} sampler</source>
        <translation>{trials} 个试验，{sampler} 采样器</translation>
    </message>
    <message>
        <source>study &apos;{name}&apos; created in {storage}: {demo}, {what}</source>
        <translation>已在 {storage} 中创建 study“{name}”：{demo}，{what}</translation>
    </message>
    <message>
        <source>workers join with: {command}</source>
        <translation>worker 用此命令加入：{command}</translation>
    </message>
    <message numerus="yes">
        <source>this process: %n trial(s); {stopped}</source>
        <translation>
            <numerusform>本进程：%n 个试验；{stopped}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>worker {worker}: %n trial(s); {stopped}</source>
        <translation>
            <numerusform>worker {worker}：%n 个试验；{stopped}</numerusform>
        </translation>
    </message>
    <message>
        <source>{count} {state}</source>
        <translation>{state} {count} 个</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>{progress} {states}; {workers}</source>
        <translation>{progress}{states}；{workers}</translation>
    </message>
    <message numerus="yes">
        <source>%n worker(s) seen</source>
        <translation>
            <numerusform>见到 %n 个 worker</numerusform>
        </translation>
    </message>
    <message>
        <source>{name}: {demo}, {finished} of {planned} chunks finished;</source>
        <translation>{name}：{demo}，{planned} 块中已完成 {finished} 块；</translation>
    </message>
    <message>
        <source>{name}: {demo}, {finished} of {planned} trials finished;</source>
        <translation>{name}：{demo}，{planned} 个试验中已完成 {finished} 个；</translation>
    </message>
    <message>
        <source>best: loss {loss} at lr {lr}, batch size {batch_size}, momentum {momentum}, weight decay {weight_decay} (config {config})</source>
        <translation>最佳：损失 {loss}，学习率 {lr}，批大小 {batch_size}，动量 {momentum}，权重衰减 {weight_decay}（配置 {config}）</translation>
    </message>
    <message>
        <source>best value: {value}</source>
        <translation>最佳值：{value}</translation>
    </message>
    <message>
        <source>copy the collection to another database (SQLite or PostgreSQL), verified by counts and checksums</source>
        <translation>把收藏复制到另一个数据库（SQLite 或 PostgreSQL），并用行数和校验和核对</translation>
    </message>
    <message>
        <source>the new collection: a PostgreSQL URL (an empty database) or a SQLite file that does not exist yet</source>
        <translation>新的收藏：一个 PostgreSQL URL（空数据库），或一个尚不存在的 SQLite 文件</translation>
    </message>
    <message>
        <source>copied {source} to {target}:</source>
        <translation>已把 {source} 复制到 {target}：</translation>
    </message>
    <message>
        <source>every table&apos;s row count and SHA-256 checksum matched its source</source>
        <translation>每张数据表的行数和 SHA-256 校验和都与源一致</translation>
    </message>
</context>
<context>
    <name>CustomStudyDialog</name>
    <message>
        <source>Custom study</source>
        <translation>自定义学习</translation>
    </message>
    <message>
        <source>More new cards today</source>
        <translation>今天多学一些新卡片</translation>
    </message>
    <message>
        <source>  of {available} new</source>
        <translation> / 共 {available} 张新卡片</translation>
    </message>
    <message>
        <source>One section</source>
        <translation>单个章节</translation>
    </message>
    <message>
        <source>{section}  ({due} due, {new} new)</source>
        <translation>{section}（{due} 张到期，{new} 张新卡片）</translation>
    </message>
    <message>
        <source>with up to </source>
        <translation>另加最多 </translation>
    </message>
    <message>
        <source> new cards</source>
        <translation> 张新卡片</translation>
    </message>
    <message>
        <source>Today&apos;s failed cards again ({count})</source>
        <translation>再练今天答错的卡片（{count}）</translation>
    </message>
    <message>
        <source>A custom session lasts until its cards are done or you leave the study screen; failed cards go back into today&apos;s re-drill (their schedule does not move).</source>
        <translation>自定义学习在卡片学完或离开学习界面时结束；答错的卡片放回今天的重练（复习计划不变）。</translation>
    </message>
</context>
<context>
    <name>DeckDialogs</name>
    <message>
        <source>Rename deck</source>
        <translation>重命名牌组</translation>
    </message>
    <message>
        <source>New name for “{name}” (use :: for a sub-deck, e.g. Books::NNDL):</source>
        <translation>“{name}”的新名称（子牌组用 :: 分隔，例如 Books::NNDL）：</translation>
    </message>
    <message>
        <source>Delete deck</source>
        <translation>删除牌组</translation>
    </message>
    <message>
        <source>Delete “{name}” with its sub-decks and all {count} cards, their schedules and review history?</source>
        <translation>删除“{name}”及其子牌组，连同全部 {count} 张卡片、它们的复习计划和复习记录？</translation>
    </message>
    <message>
        <source>A backup of the whole collection is made first (Tools → Backups can restore it).</source>
        <translation>删除前会先备份整个题库（可在“工具 → 备份”中恢复）。</translation>
    </message>
    <message>
        <source>Could not change the deck: {why}</source>
        <translation>无法修改牌组：{why}</translation>
    </message>
    <message>
        <source>Renamed {old} to {new}</source>
        <translation>已将 {old} 重命名为 {new}</translation>
    </message>
    <message>
        <source>Deleted {names} ({count} cards); backup: {backup}</source>
        <translation>已删除 {names}（{count} 张卡片）；备份：{backup}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Saved the options of {name}</source>
        <translation>已保存 {name} 的选项</translation>
    </message>
</context>
<context>
    <name>DeckDiffDialog</name>
    <message>
        <source>Deck update for {card}</source>
        <translation>{card} 的卡组更新</translation>
    </message>
    <message numerus="yes">
        <source>You edited {card}, and the deck has a newer version of it. %n field(s) differ. Keep yours, or take the deck&apos;s (your edit is then replaced; the card&apos;s schedule and history stay either way).</source>
        <translation>
            <numerusform>你编辑过 {card}，而卡组中有它的新版本。共有 %n 个字段不同。可保留你的版本，或采用卡组的版本（你的修改会被替换；两种选择都会保留卡片的复习计划和历史）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Yours</source>
        <translation>你的版本</translation>
    </message>
    <message>
        <source>The deck&apos;s</source>
        <translation>卡组的版本</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <source>Take the deck&apos;s</source>
        <translation>采用卡组的版本</translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation>稍后决定</translation>
    </message>
</context>
<context>
    <name>DeckFileText</name>
    <message>
        <source>blank c{number} has an empty answer: &apos;{blank}&apos;</source>
        <translation>填空 c{number} 的答案为空：“{blank}”</translation>
    </message>
    <message>
        <source>nested or unbalanced braces in &apos;{text}&apos;</source>
        <translation>“{text}”中的花括号嵌套或不配对</translation>
    </message>
    <message>
        <source>unbalanced &apos;{{&apos; or &apos;}}&apos; outside a well-formed {{cN::...}} blank</source>
        <translation>在格式正确的 {{cN::...}} 填空之外有不配对的“{{”或“}}”</translation>
    </message>
    <message>
        <source>the file is larger than the limit of {bytes} bytes ({mib} MiB); split it into several files</source>
        <translation>文件超过了 {bytes} 字节（{mib} MiB）的上限；请拆分成几个文件</translation>
    </message>
    <message>
        <source>arrays or tables nested deeper than {most} levels (the limit; a deck needs 4)</source>
        <translation>数组或表的嵌套超过 {most} 层（上限；卡组只需 4 层）</translation>
    </message>
    <message>
        <source>a dotted key or table name may have at most {most} parts (the limit; a deck needs 5), this one has {parts}</source>
        <translation>带点的键或表名最多只能有 {most} 段（上限；卡组只需 5 段），这个有 {parts} 段</translation>
    </message>
    <message>
        <source>not valid TOML: {error}</source>
        <translation>不是有效的 TOML：{error}</translation>
    </message>
    <message>
        <source>unknown top-level key &apos;{key}&apos; (cards are [[card]] tables, the deck header is [deck])</source>
        <translation>未知的顶层键“{key}”（卡片是 [[card]] 表，卡组表头是 [deck]）</translation>
    </message>
    <message>
        <source>&apos;card&apos; must be an array of tables: write [[card]]</source>
        <translation>“card”必须是表数组：请写 [[card]]</translation>
    </message>
    <message>
        <source>card {card}: {key} contains the control character U+{code}; only tabs and line breaks are allowed in text</source>
        <translation>卡片 {card}：{key} 含有控制字符 U+{code}；文本中只允许制表符和换行</translation>
    </message>
    <message>
        <source>card {card}: {problem}</source>
        <translation>卡片 {card}：{problem}</translation>
    </message>
    <message>
        <source>a card must be a table of fields</source>
        <translation>卡片必须是由字段组成的表</translation>
    </message>
    <message>
        <source>unknown key &apos;{key}&apos; (allowed: {allowed})</source>
        <translation>未知的键“{key}”（允许：{allowed}）</translation>
    </message>
    <message>
        <source>missing required field &apos;{key}&apos;</source>
        <translation>缺少必填字段“{key}”</translation>
    </message>
    <message>
        <source>id {id} must be lowercase letters, digits and &apos;-&apos; (2-80 chars)</source>
        <translation>id {id} 只能由小写字母、数字和“-”组成（2-80 个字符）</translation>
    </message>
    <message>
        <source>unknown section {section} (one of the deck&apos;s sections: {sections})</source>
        <translation>未知的小节 {section}（应为卡组的小节之一：{sections}）</translation>
    </message>
    <message>
        <source>unknown kind {kind} (one of {kinds})</source>
        <translation>未知的类型 {kind}（可选：{kinds}）</translation>
    </message>
    <message>
        <source>missing required field &apos;{key}&apos; (with {key}.zh and {key}.en)</source>
        <translation>缺少必填字段“{key}”（需要 {key}.zh 和 {key}.en）</translation>
    </message>
    <message>
        <source>unknown key &apos;{key}.{sub}&apos; (allowed: zh, en)</source>
        <translation>未知的键“{key}.{sub}”（允许：zh、en）</translation>
    </message>
    <message>
        <source>unknown source question id &apos;{id}&apos; (see content/questions.tsv)</source>
        <translation>未知的来源问题 id“{id}”（见 content/questions.tsv）</translation>
    </message>
    <message>
        <source>bad cloze syntax in text.{lang}: {error}</source>
        <translation>text.{lang} 的填空语法有误：{error}</translation>
    </message>
    <message>
        <source>text.{lang} has no {{{{c1::...}}}} blank</source>
        <translation>text.{lang} 没有 {{{{c1::...}}}} 填空</translation>
    </message>
    <message>
        <source>text.zh and text.en have different blanks: {zh} vs {en}</source>
        <translation>text.zh 与 text.en 的填空不同：{zh} 对 {en}</translation>
    </message>
    <message>
        <source>an mcq card needs [[card.choices]] tables</source>
        <translation>选择题卡片需要 [[card.choices]] 表</translation>
    </message>
    <message>
        <source>an mcq card needs {low}-{high} choices, found {found}</source>
        <translation>选择题卡片需要 {low}-{high} 个选项，实际有 {found} 个</translation>
    </message>
    <message>
        <source>choice {number} must be a table</source>
        <translation>选项 {number} 必须是表</translation>
    </message>
    <message>
        <source>choice {number}: unknown key &apos;{key}&apos; (allowed: zh, en, correct, why)</source>
        <translation>选项 {number}：未知的键“{key}”（允许：zh、en、correct、why）</translation>
    </message>
    <message>
        <source>choice {number}: &apos;correct&apos; must be true or false</source>
        <translation>选项 {number}：“correct”必须是 true 或 false</translation>
    </message>
    <message>
        <source>choice {number}: &apos;{lang}&apos; is missing or empty</source>
        <translation>选项 {number}：“{lang}”缺失或为空</translation>
    </message>
    <message>
        <source>choice {number}: &apos;why.zh&apos; and &apos;why.en&apos; (why it is right or wrong) are required</source>
        <translation>选项 {number}：必须有“why.zh”和“why.en”（说明它为什么对或错）</translation>
    </message>
    <message>
        <source>choice {number}: unknown key in &apos;why&apos; (allowed: zh, en)</source>
        <translation>选项 {number}：“why”中有未知的键（允许：zh、en）</translation>
    </message>
    <message>
        <source>an mcq card needs exactly one choice with correct = true, found {found}</source>
        <translation>选择题卡片必须恰好有一个 correct = true 的选项，实际有 {found} 个</translation>
    </message>
    <message>
        <source>unknown key &apos;demo.{key}&apos; (allowed: id, params)</source>
        <translation>未知的键“demo.{key}”（允许：id、params）</translation>
    </message>
    <message>
        <source>unknown demo id {id}; it must be one of the catalogue&apos;s ids</source>
        <translation>未知的演示 id {id}；必须是目录中的 id 之一</translation>
    </message>
    <message>
        <source>demo &apos;{demo}&apos;: {problem}</source>
        <translation>演示“{demo}”：{problem}</translation>
    </message>
    <message>
        <source>unknown key &apos;schedule.{key}&apos; (allowed: {allowed})</source>
        <translation>未知的键“schedule.{key}”（允许：{allowed}）</translation>
    </message>
    <message>
        <source>schedule.{key} must be a whole number from {low} to {high}</source>
        <translation>schedule.{key} 必须是 {low} 到 {high} 之间的整数</translation>
    </message>
    <message>
        <source>schedule.due must be a date (YYYY-MM-DD) or left out for a new card</source>
        <translation>schedule.due 必须是日期（YYYY-MM-DD），新卡片则不写</translation>
    </message>
    <message>
        <source>schedule.suspended must be true or false</source>
        <translation>schedule.suspended 必须是 true 或 false</translation>
    </message>
    <message>
        <source>duplicate card id &apos;{id}&apos; (first in {first})</source>
        <translation>重复的卡片 id“{id}”（首次出现在 {first}）</translation>
    </message>
    <message>
        <source>a deck name may have at most {most} characters, this one has {count}</source>
        <translation>卡组名称最多 {most} 个字符，这个有 {count} 个</translation>
    </message>
    <message>
        <source>the deck name {name} holds a control character</source>
        <translation>卡组名称 {name} 含有控制字符</translation>
    </message>
</context>
<context>
    <name>DeckOptionsDialog</name>
    <message>
        <source>Deck options: {name}</source>
        <translation>牌组选项：{name}</translation>
    </message>
    <message>
        <source>New cards a day</source>
        <translation>每日新卡片数</translation>
    </message>
    <message>
        <source>Reviews a day</source>
        <translation>每日复习数</translation>
    </message>
    <message>
        <source>own limit</source>
        <translation>单独限制</translation>
    </message>
    <message>
        <source>As the parent deck or the collection</source>
        <translation>同上级牌组或题库</translation>
    </message>
    <message>
        <source>SM-2</source>
        <translation>SM-2</translation>
    </message>
    <message>
        <source>FSRS</source>
        <translation>FSRS</translation>
    </message>
    <message>
        <source>Scheduler</source>
        <translation>调度算法</translation>
    </message>
    <message>
        <source>own retention</source>
        <translation>单独设置保持率</translation>
    </message>
    <message>
        <source>FSRS desired retention</source>
        <translation>FSRS 目标保持率</translation>
    </message>
    <message>
        <source>A deck&apos;s limit also caps its sub-decks; the collection&apos;s limits (Tools → Settings) cap every deck.</source>
        <translation>牌组的限制同样约束其子牌组；题库的限制（工具 → 设置）约束所有牌组。</translation>
    </message>
</context>
<context>
    <name>DeckSelection</name>
    <message>
        <source>All decks</source>
        <translation>全部牌组</translation>
    </message>
</context>
<context>
    <name>DeckText</name>
    <message>
        <source>{path} is a folder; give a file name</source>
        <translation>{path} 是一个文件夹；请给出文件名</translation>
    </message>
    <message>
        <source>cannot create folder {folder}: {error}</source>
        <translation>无法创建文件夹 {folder}：{error}</translation>
    </message>
    <message numerus="yes">
        <source>wrote deck &apos;{deck}&apos; (%n card(s), with their schedules) to {path}</source>
        <translation>
            <numerusform>已将卡组“{deck}”（%n 张卡片，含复习安排）写入 {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>wrote deck &apos;{deck}&apos; (%n card(s)) to {path}</source>
        <translation>
            <numerusform>已将卡组“{deck}”（%n 张卡片）写入 {path}</numerusform>
        </translation>
    </message>
    <message>
        <source>no deck named &apos;{deck}&apos; (see: quizapp deck list)</source>
        <translation>没有名为“{deck}”的卡组（参见：quizapp deck list）</translation>
    </message>
    <message>
        <source>deck &apos;{deck}&apos; has no cards of its own to export</source>
        <translation>卡组“{deck}”自身没有可导出的卡片</translation>
    </message>
    <message>
        <source>no deck named &apos;{name}&apos; (see: quizapp deck list)</source>
        <translation>没有名为“{name}”的卡组（参见：quizapp deck list）</translation>
    </message>
    <message>
        <source>unknown deck option &apos;{key}&apos; (one of {keys})</source>
        <translation>未知的卡组选项“{key}”（可选：{keys}）</translation>
    </message>
    <message>
        <source>{key} must be a whole number from {low} to {high}</source>
        <translation>{key} 必须是 {low} 到 {high} 之间的整数</translation>
    </message>
    <message>
        <source>{key} must be a number from {low} to {high}</source>
        <translation>{key} 必须是 {low} 到 {high} 之间的数</translation>
    </message>
    <message>
        <source>{key} must be one of {choices}</source>
        <translation>{key} 必须是以下之一：{choices}</translation>
    </message>
    <message>
        <source>a deck&apos;s origin must be one of {origins}</source>
        <translation>卡组的来源必须是以下之一：{origins}</translation>
    </message>
    <message>
        <source>a deck named &apos;{name}&apos; already exists</source>
        <translation>已有名为“{name}”的卡组</translation>
    </message>
    <message>
        <source>cannot move &apos;{old}&apos; inside itself (&apos;{new}&apos;)</source>
        <translation>无法把“{old}”移动到它自身之内（“{new}”）</translation>
    </message>
    <message>
        <source>a deck named &apos;{name}&apos; already exists; choose another name</source>
        <translation>已有名为“{name}”的卡组；请换一个名称</translation>
    </message>
</context>
<context>
    <name>DemoGallery</name>
    <message>
        <source>Demo gallery  ·  演示</source>
        <translation>演示库</translation>
    </message>
    <message>
        <source>Each demo runs a small PyTorch computation live. Click one to open it with its defaults.</source>
        <translation>每个演示都会实时运行一段小型 PyTorch 计算。点击即可按默认参数打开。</translation>
    </message>
    <message>
        <source>(coming soon)</source>
        <translation>（即将推出）</translation>
    </message>
    <message>
        <source>This demo is not in this build yet</source>
        <translation>此版本尚未包含这个演示</translation>
    </message>
</context>
<context>
    <name>DemoPanel</name>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>CUDA GPU</translation>
    </message>
    <message>
        <source>← Back  (Esc)</source>
        <translation>← 返回  (Esc)</translation>
    </message>
    <message>
        <source>Where the demo computes: auto takes a CUDA GPU when there is one (a GPU is offered once the demo engine has looked for one)</source>
        <translation>演示的计算设备：自动模式在有 CUDA GPU 时使用 GPU（演示引擎检测过 GPU 后才会提供该选项）</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <source>Run again  (R)</source>
        <translation>重新运行  (R)</translation>
    </message>
    <message>
        <source>Reset to preset</source>
        <translation>恢复预设值</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Attach to a study…</source>
        <translation>连接到研究…</translation>
    </message>
    <message>
        <source>Plot a running Optuna study (quizapp sweep run / worker) live</source>
        <translation>实时绘制正在运行的 Optuna 研究（quizapp sweep run / worker）</translation>
    </message>
    <message>
        <source>(preset from card {card})</source>
        <translation>（预设来自卡片 {card}）</translation>
    </message>
    <message>
        <source>Reset to defaults</source>
        <translation>恢复默认值</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>运行中…</translation>
    </message>
    <message>
        <source>Ignored preset values: {problems}</source>
        <translation>已忽略的预设值：{problems}</translation>
    </message>
    <message>
        <source>Drawing the result…</source>
        <translation>正在绘制结果…</translation>
    </message>
    <message>
        <source>Running… {percent}%</source>
        <translation>运行中… {percent}%</translation>
    </message>
    <message>
        <source>No plot: the demo stopped with an error.</source>
        <translation>无图像：演示因错误而停止。</translation>
    </message>
    <message>
        <source>in use: {device}</source>
        <translation>正在使用：{device}</translation>
    </message>
    <message>
        <source>Diverged: the finite part is plotted.</source>
        <translation>已发散：只绘制有限的部分。</translation>
    </message>
    <message>
        <source>Done in {seconds} s on {device}.</source>
        <translation>在 {device} 上用时 {seconds} 秒完成。</translation>
    </message>
    <message>
        <source>Nothing to export yet</source>
        <translation>暂无可导出的内容</translation>
    </message>
    <message>
        <source>Figure saved to {path}</source>
        <translation>图像已保存到 {path}</translation>
    </message>
    <message>
        <source>Export failed: {error}</source>
        <translation>导出失败：{error}</translation>
    </message>
    <message>
        <source>No finished run to export yet</source>
        <translation>还没有可导出的完整运行结果</translation>
    </message>
    <message>
        <source>Data saved to {path}</source>
        <translation>数据已保存到 {path}</translation>
    </message>
    <message>
        <source>Export figure</source>
        <translation>导出图像</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Export data</source>
        <translation>导出数据</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>{doing} (step {step} of {steps}, {seconds} s)</source>
        <translation>{doing}（第 {step}/{steps} 步，{seconds} 秒）</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>Export demo &amp;figure (PNG)…</source>
        <translation>导出演示图(&amp;F) (PNG)…</translation>
    </message>
    <message>
        <source>Export demo &amp;data (CSV)…</source>
        <translation>导出演示数据(&amp;D) (CSV)…</translation>
    </message>
    <message>
        <source>Run the demo again</source>
        <translation>重新运行演示</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>DemoText</name>
    <message>
        <source>this computer has no {device} GPU: choose the device auto or cpu</source>
        <translation>这台计算机没有 {device} GPU：请选择设备 auto 或 cpu</translation>
    </message>
    <message>
        <source>--out {out}: is a folder; give a file name ending in .png</source>
        <translation>--out {out}：这是一个文件夹；请给出以 .png 结尾的文件名</translation>
    </message>
    <message>
        <source>--out {out}: the figure is a PNG image; give a file name ending in .png</source>
        <translation>--out {out}：图是 PNG 图像；请给出以 .png 结尾的文件名</translation>
    </message>
    <message>
        <source>--out {out}: the folder {folder} does not exist</source>
        <translation>--out {out}：文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <source>--out {out}: cannot write the figure ({error})</source>
        <translation>--out {out}：无法写入图像（{error}）</translation>
    </message>
    <message>
        <source>every network was pruned before finishing; raise n_trials or steps</source>
        <translation>每个网络都在训练完成前被剪枝；请增大 n_trials 或 steps</translation>
    </message>
    <message>
        <source>The highlighted batch size {batch} is larger than the dataset (N = {n}); showing B = {n}.</source>
        <translation>高亮的批大小 {batch} 比数据集还大（N = {n}）；改为显示 B = {n}。</translation>
    </message>
    <message>
        <source>The large batch ({large}) is not larger than the small batch ({small}).</source>
        <translation>大批量（{large}）并不比小批量（{small}）大。</translation>
    </message>
    <message>
        <source>The small-batch run diverged in epoch {epoch} (lr={lr}); lower the learning rate.</source>
        <translation>小批量的训练在第 {epoch} 轮发散（lr={lr}）；请调低学习率。</translation>
    </message>
    <message>
        <source>The large-batch run diverged in epoch {epoch} (lr={lr}); lower the learning rate.</source>
        <translation>大批量的训练在第 {epoch} 轮发散（lr={lr}）；请调低学习率。</translation>
    </message>
    <message>
        <source>lr_min was above lr_max; swept {low} … {high}</source>
        <translation>lr_min 大于 lr_max；已按 {low} … {high} 扫描</translation>
    </message>
    <message>
        <source>lr_min equals lr_max: one learning rate ({lr})</source>
        <translation>lr_min 等于 lr_max：只有一个学习率（{lr}）</translation>
    </message>
    <message>
        <source>batch sizes are powers of two from {first} to {last}: {rows} rows instead of {asked}</source>
        <translation>批大小是从 {first} 到 {last} 的 2 的幂：只有 {rows} 行，而不是 {asked} 行</translation>
    </message>
    <message>
        <source>{diverged} of {configs} configurations diverged (blank cells)</source>
        <translation>{configs} 个配置中有 {diverged} 个发散（空白格）</translation>
    </message>
    <message>
        <source>From time step {step} on, fewer than {least} of the {sequences} sequences are still running ({few} of {steps} steps): their BN statistics are unreliable.</source>
        <translation>从第 {step} 个时间步起，{sequences} 条序列中仍在运行的不足 {least} 条（{steps} 步中有 {few} 步）：这些步的 BN 统计量不可靠。</translation>
    </message>
    <message numerus="yes">
        <source>%n time step(s) with a single sequence (first: t = {first}): its batch variance is 0, so BN cannot normalize there in training mode.</source>
        <translation>
            <numerusform>有 %n 个时间步只有一条序列（第一步：t = {first}）：批方差为 0，训练模式下 BN 无法在这些步做归一化。</numerusform>
        </translation>
    </message>
    <message>
        <source>No sequence reaches steps {first}–{last}: BN has no statistics there at all.</source>
        <translation>没有序列到达第 {first}–{last} 步：BN 在这些步完全没有统计量。</translation>
    </message>
    <message>
        <source>batch_size=1: BatchNorm cannot normalize one sample in training mode (its variance is 0); PyTorch says: {problem}. Only eval mode (running statistics) works; use batches of 2 or more, or LayerNorm.</source>
        <translation>batch_size=1：训练模式下 BatchNorm 无法归一化单个样本（方差为 0）；PyTorch 的报错：{problem}。只有评估模式（使用滑动统计量）可用；请使用至少 2 个样本的批，或改用 LayerNorm。</translation>
    </message>
    <message>
        <source>Optuna&apos;s GPSampler needs SciPy, which is not installed; TPESampler is used instead</source>
        <translation>Optuna 的 GPSampler 需要 SciPy，但它没有安装；改用 TPESampler</translation>
    </message>
    <message>
        <source>EI is zero everywhere: the GP is sure nothing beats the best point (often a length scale too long for this function); try a smaller ℓ or a larger ξ</source>
        <translation>EI 处处为零：高斯过程确信没有点能超过当前最优点（通常是长度尺度对这个函数来说太长）；请试试更小的 ℓ 或更大的 ξ</translation>
    </message>
    <message>
        <source>trial {trial} is still one of the {initial} random initial trials; the marked point is where EI would look</source>
        <translation>第 {trial} 个试验仍属于 {initial} 个随机初始试验；标出的点是 EI 会去探索的位置</translation>
    </message>
    <message>
        <source>min_batch ({low}) must not exceed max_batch ({high})</source>
        <translation>min_batch（{low}）不能大于 max_batch（{high}）</translation>
    </message>
    <message>
        <source>Batch of 1: BatchNorm1d in training mode raises &apos;Expected more than 1 value per channel when training&apos; (a single sample has no batch variance), so BN has no point at B = 1; LayerNorm normalizes each sample by itself and works.</source>
        <translation>批大小为 1：训练模式下 BatchNorm1d 会报错“Expected more than 1 value per channel when training”（单个样本没有批方差），所以 BN 在 B = 1 处没有数据点；LayerNorm 对每个样本单独归一化，可以正常工作。</translation>
    </message>
    <message>
        <source>The BN net diverged at step {step}; its curves stop there. Lower the learning rate.</source>
        <translation>带 BN 的网络在第 {step} 步发散，曲线到此为止。请调低学习率。</translation>
    </message>
    <message>
        <source>The plain net diverged at step {step}; its curves stop there. Lower the learning rate.</source>
        <translation>普通网络在第 {step} 步发散，曲线到此为止。请调低学习率。</translation>
    </message>
    <message>
        <source>PyTorch&apos;s p = {p} is the DROP probability; the notes&apos; keep probability is 1 − p = {keep}.</source>
        <translation>PyTorch 的 p = {p} 是丢弃概率；笔记中的保留概率是 1 − p = {keep}。</translation>
    </message>
    <message>
        <source>p = 0: dropout is the identity, so the MC ensemble has no spread.</source>
        <translation>p = 0：dropout 是恒等映射，所以蒙特卡洛集成没有离散度。</translation>
    </message>
    <message>
        <source>n_samples={n} gives few BN batches of {batch}; the BN histograms are rough.</source>
        <translation>n_samples={n} 只能凑出很少几个大小为 {batch} 的 BN 批；BN 的直方图比较粗糙。</translation>
    </message>
    <message>
        <source>the validation loss was still improving within the last {patience} epochs: training ended at max_epochs = {epochs} before patience ran out.</source>
        <translation>验证损失在最后 {patience} 轮内仍在下降：训练在耐心耗尽之前就到了 max_epochs = {epochs} 而结束。</translation>
    </message>
    <message>
        <source>training diverged; lower the learning rate.</source>
        <translation>训练发散了；请调低学习率。</translation>
    </message>
    <message>
        <source>GD diverged (|w| &gt; 1e6): the learning rate is above 2/λ for both basins.</source>
        <translation>梯度下降发散（|w| &gt; 1e6）：对两个盆地来说学习率都高于 2/λ。</translation>
    </message>
    <message>
        <source>Xavier with gain 1 halves the second moment at every ReLU layer; gain √2 (calculate_gain(&apos;relu&apos;)) turns it into He on square layers.</source>
        <translation>增益为 1 的 Xavier 初始化在每个 ReLU 层都会把二阶矩减半；增益取 √2（calculate_gain(&apos;relu&apos;)）时，在方阵层上它就等同于 He 初始化。</translation>
    </message>
    <message>
        <source>n_nonzero={nonzero} is more than n_features={features}; using {features}.</source>
        <translation>n_nonzero={nonzero} 大于 n_features={features}；改用 {features}。</translation>
    </message>
    <message>
        <source>ISTA has not converged after {iterations} iterations at step η·L = {step}; raise iterations or the step to see all exact zeros.</source>
        <translation>步长 η·L = {step} 时，ISTA 迭代 {iterations} 次后仍未收敛；请增大 iterations 或步长，才能看到全部精确为零的系数。</translation>
    </message>
    <message>
        <source>base_lr ({low}) must be below max_lr ({high})</source>
        <translation>base_lr（{low}）必须小于 max_lr（{high}）</translation>
    </message>
    <message>
        <source>pct_start={pct} gives 1cycle less than 2 warm-up steps of {steps}; using {used}.</source>
        <translation>pct_start={pct} 使 1cycle 在 {steps} 步中只有不到 2 步预热；改用 {used}。</translation>
    </message>
    <message>
        <source>warmup_steps={asked} is not shorter than the run; using W = {used}.</source>
        <translation>warmup_steps={asked} 不比整个训练短；改用 W = {used}。</translation>
    </message>
    <message>
        <source>(α, β) = ({alpha}, {beta}) diverges: rate {rate} ≥ 1. Heavy ball needs α &lt; 2(1 + β)/L.</source>
        <translation>(α, β) = ({alpha}, {beta}) 发散：收敛率 {rate} ≥ 1。重球法要求 α &lt; 2(1 + β)/L。</translation>
    </message>
    <message>
        <source>{optimizer} diverged at step {step} (lr={lr}): lower its learning rate.</source>
        <translation>{optimizer} 在第 {step} 步发散（lr={lr}）：请调低它的学习率。</translation>
    </message>
    <message>
        <source>{optimizer} escaped downhill out of the window at step {step}.</source>
        <translation>{optimizer} 在第 {step} 步沿下坡方向跑出了视图范围。</translation>
    </message>
    <message>
        <source>PyTorch&apos;s p = {p} is the drop probability: each unit of h is kept with probability {keep} and scaled by 1/{keep}.</source>
        <translation>PyTorch 的 p = {p} 是丢弃概率：h 的每个单元以概率 {keep} 保留，并乘以 1/{keep}。</translation>
    </message>
    <message>
        <source>training diverged at step {step}: lower the learning rate.</source>
        <translation>训练在第 {step} 步发散：请调低学习率。</translation>
    </message>
    <message>
        <source>diverged at step {step}: η = {lr} is above 2/λ for the flat minimum too.</source>
        <translation>在第 {step} 步发散：η = {lr} 对平坦极小值来说也高于 2/λ。</translation>
    </message>
    <message>
        <source>η·λ_sharp = {product} ≥ 2: plain SGD cannot stay at the sharp minimum either.</source>
        <translation>η·λ_sharp = {product} ≥ 2：普通 SGD 也无法停留在尖锐极小值。</translation>
    </message>
    <message>
        <source>training diverged at step {step}; lower the learning rates.</source>
        <translation>训练在第 {step} 步发散；请调低学习率。</translation>
    </message>
    <message>
        <source>unknown device &apos;{device}&apos;: choose one of {choices}</source>
        <translation>未知的设备“{device}”：请从 {choices} 中选择</translation>
    </message>
    <message>
        <source>device &apos;cuda&apos; was asked for, but no CUDA GPU is available (torch {torch}, CUDA build: {cuda}); use --device cpu or auto</source>
        <translation>指定了设备 cuda，但没有可用的 CUDA GPU（torch {torch}，CUDA 版本：{cuda}）；请使用 --device cpu 或 auto</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>unknown demo &apos;{demo}&apos;; run &apos;quizapp demo list&apos; to see the demo ids</source>
        <translation>未知的演示“{demo}”；运行 quizapp demo list 查看演示 id</translation>
    </message>
    <message>
        <source>{name} (step {step})</source>
        <translation>{name}（第 {step} 步）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Diverged: {names}; each curve stops at its last finite loss. A smaller learning rate (or warmup) keeps them stable.</source>
        <translation>发散：{names}；每条曲线都停在最后一个有限的损失值处。更小的学习率（或预热）能让它们保持稳定。</translation>
    </message>
    <message>
        <source>a number in [{low}, {high}] (log scale)</source>
        <translation>[{low}, {high}] 内的数（对数刻度）</translation>
    </message>
    <message>
        <source>a number in [{low}, {high}]</source>
        <translation>[{low}, {high}] 内的数</translation>
    </message>
    <message>
        <source>an integer in [{low}, {high}]</source>
        <translation>[{low}, {high}] 内的整数</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>one of {choices}</source>
        <translation>{choices} 之一</translation>
    </message>
    <message>
        <source>parameter &apos;{name}&apos; must be a number in [{low}, {high}] (log scale), got {value}</source>
        <translation>参数“{name}”必须是 [{low}, {high}] 内的数（对数刻度），收到的是 {value}</translation>
    </message>
    <message>
        <source>parameter &apos;{name}&apos; must be a number in [{low}, {high}], got {value}</source>
        <translation>参数“{name}”必须是 [{low}, {high}] 内的数，收到的是 {value}</translation>
    </message>
    <message>
        <source>parameter &apos;{name}&apos; must be an integer in [{low}, {high}], got {value}</source>
        <translation>参数“{name}”必须是 [{low}, {high}] 内的整数，收到的是 {value}</translation>
    </message>
    <message>
        <source>parameter &apos;{name}&apos; must be true or false, got {value}</source>
        <translation>参数“{name}”必须是 true 或 false，收到的是 {value}</translation>
    </message>
    <message>
        <source>parameter &apos;{name}&apos; must be one of {choices}, got {value}</source>
        <translation>参数“{name}”必须是 {choices} 之一，收到的是 {value}</translation>
    </message>
    <message>
        <source>demo &apos;{demo}&apos;: {formula} = {cost} is over the limit {limit} ({given}); lower {names}</source>
        <translation>演示“{demo}”：{formula} = {cost} 超过了上限 {limit}（{given}）；请调低 {names}</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <source>demo &apos;{demo}&apos; has no parameter &apos;{name}&apos;; it takes: {names}</source>
        <translation>演示“{demo}”没有参数“{name}”；它接受的参数：{names}</translation>
    </message>
    <message numerus="yes">
        <source>%n configuration(s) diverged (learning rate too high); stopped at once</source>
        <translation>
            <numerusform>有 %n 个配置发散（学习率过高），已立即停止</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>{path}: not an Anki file (expected .apkg, .colpkg, .csv, .txt or .tsv)</source>
        <translation>{path}：不是 Anki 文件（应为 .apkg、.colpkg、.csv、.txt 或 .tsv）</translation>
    </message>
    <message>
        <source>cannot write media into {folder}: {error}; nothing was imported</source>
        <translation>无法把媒体文件写入 {folder}：{error}；没有导入任何内容</translation>
    </message>
    <message>
        <source>no cards in deck &apos;{deck}&apos; (decks are like NNDL::ch07::7.2, the Anki deck a card came from, or a quizapp deck: quizapp deck list)</source>
        <translation>卡组“{deck}”中没有卡片（卡组形如 NNDL::ch07::7.2，可以是卡片来自的 Anki 卡组，也可以是 quizapp 的卡组：quizapp deck list）</translation>
    </message>
    <message>
        <source>{path}: not UTF-8 text ({reason} at byte {byte}); nothing was imported</source>
        <translation>{path}：不是 UTF-8 文本（第 {byte} 字节处：{reason}）；没有导入任何内容</translation>
    </message>
    <message>
        <source>{path}:1: unknown separator &apos;{separator}&apos;; nothing was imported</source>
        <translation>{path}:1：未知的分隔符“{separator}”；没有导入任何内容</translation>
    </message>
    <message>
        <source>{path}: &apos;#{name} column:{value}&apos; is not a column number; nothing was imported</source>
        <translation>{path}：“#{name} column:{value}”不是列号；没有导入任何内容</translation>
    </message>
    <message>
        <source>{path}:{line_no}: no field columns; nothing was imported</source>
        <translation>{path}:{line_no}：没有字段列；没有导入任何内容</translation>
    </message>
    <message>
        <source>{path}:{line_no}: {columns} columns where the first row has {width}; nothing was imported</source>
        <translation>{path}:{line_no}：有 {columns} 列，而第一行有 {width} 列；没有导入任何内容</translation>
    </message>
    <message>
        <source>{path}:{line_no}: a &apos;#... column&apos; header names a column past the last ({width}); nothing was imported</source>
        <translation>{path}:{line_no}：某个“#... column”表头指向最后一列（{width}）之后的列；没有导入任何内容</translation>
    </message>
    <message>
        <source>{path}:{line_no}: the first field is empty; nothing was imported</source>
        <translation>{path}:{line_no}：第一个字段为空；没有导入任何内容</translation>
    </message>
    <message>
        <source>{path}:{line_no}: {error}; nothing was imported</source>
        <translation>{path}:{line_no}：{error}；没有导入任何内容</translation>
    </message>
    <message>
        <source>{path}: no cards in the file; nothing was imported</source>
        <translation>{path}：文件中没有卡片；没有导入任何内容</translation>
    </message>
    <message>
        <source>flag must be 0 (none) or 1-4, got {flag}</source>
        <translation>标记必须是 0（无）或 1-4，收到的是 {flag}</translation>
    </message>
    <message>
        <source>cannot undo: card &apos;{card_id}&apos; changed since</source>
        <translation>无法撤销：卡片“{card_id}”此后已有更改</translation>
    </message>
    <message>
        <source>the card was not saved: {problems}</source>
        <translation>卡片未保存：{problems}</translation>
    </message>
    <message>
        <source>the card is not valid</source>
        <translation>卡片无效</translation>
    </message>
    <message>
        <source>card {card_id}: a card with this id already exists</source>
        <translation>卡片 {card_id}：已有相同 id 的卡片</translation>
    </message>
    <message>
        <source>keep must be &apos;mine&apos; or &apos;deck&apos;, got {keep}</source>
        <translation>keep 必须是 &apos;mine&apos; 或 &apos;deck&apos;，收到的是 {keep}</translation>
    </message>
    <message>
        <source>card &apos;{card_id}&apos; has no deck version waiting</source>
        <translation>卡片“{card_id}”没有待处理的卡组新版本</translation>
    </message>
    <message>
        <source>cannot reach the database server of {where} ({text})</source>
        <translation>无法连接 {where} 的数据库服务器（{text}）</translation>
    </message>
    <message>
        <source>database {where} is locked by another process (try again when it has finished)</source>
        <translation>数据库 {where} 被另一个进程锁定（请等它结束后再试）</translation>
    </message>
    <message>
        <source>cannot read {where}: it is not a quizapp database or it is damaged ({text})</source>
        <translation>无法读取 {where}：它不是 quizapp 数据库，或已损坏（{text}）</translation>
    </message>
    <message>
        <source>cannot open {where} for writing ({text})</source>
        <translation>无法以写入方式打开 {where}（{text}）</translation>
    </message>
    <message>
        <source>database error on {where}: {text}</source>
        <translation>{where} 出错：{text}</translation>
    </message>
    <message>
        <source>an in-memory database holds no collection until something is imported into it</source>
        <translation>内存数据库在导入内容之前没有收藏</translation>
    </message>
    <message>
        <source>{url} is not a PostgreSQL URL (postgresql+psycopg://user@host/database)</source>
        <translation>{url} 不是 PostgreSQL URL（postgresql+psycopg://user@host/database）</translation>
    </message>
    <message>
        <source>{target} already holds a collection (rows in {tables}); copy into a new, empty database: nothing was written</source>
        <translation>{target} 中已经有一个收藏（{tables} 中有数据）；请复制到一个新的空数据库：没有写入任何内容</translation>
    </message>
    <message>
        <source>the copy of {table} differs from its source ({found} rows where {expected} were expected; checksums {found_sum} / {expected_sum}): nothing was written</source>
        <translation>{table} 的副本与源不一致（有 {found} 行，应为 {expected} 行；校验和 {found_sum} / {expected_sum}）：没有写入任何内容</translation>
    </message>
    <message>
        <source>no card with id &apos;{card_id}&apos; (see &apos;quizapp due&apos; or the browser for ids)</source>
        <translation>没有 id 为“{card_id}”的卡片（可在“quizapp due”或浏览器中查看 id）</translation>
    </message>
    <message numerus="yes">
        <source>the deck has %n error(s); nothing was imported:</source>
        <translation>
            <numerusform>卡组有 %n 处错误；没有导入任何内容：</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot export media file {name}: not a plain file name</source>
        <translation>无法导出媒体文件 {name}：它不是单纯的文件名</translation>
    </message>
    <message>
        <source>cannot write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
    <message>
        <source>invalid setting(s): {problems}</source>
        <translation>无效的设置：{problems}</translation>
    </message>
    <message>
        <source>duration must be &gt;= 0 ms, got {duration_ms}</source>
        <translation>用时必须 &gt;= 0 毫秒，收到的是 {duration_ms}</translation>
    </message>
    <message>
        <source>card &apos;{card_id}&apos; is suspended; unsuspend it before answering</source>
        <translation>卡片“{card_id}”已暂停；请先取消暂停再作答</translation>
    </message>
    <message>
        <source>cannot undo answer #{log_id}: card &apos;{card_id}&apos; changed since</source>
        <translation>无法撤销第 {log_id} 号作答：卡片“{card_id}”此后已有更改</translation>
    </message>
    <message>
        <source>cannot put a path with a line break into a desktop entry: {path}</source>
        <translation>无法把含换行的路径写入桌面项：{path}</translation>
    </message>
    <message>
        <source>cannot install the desktop entry under {folder}: {error}</source>
        <translation>无法在 {folder} 下安装桌面项：{error}</translation>
    </message>
    <message>
        <source>unknown section {section}</source>
        <translation>未知的小节 {section}</translation>
    </message>
    <message>
        <source>unknown section {section} (one of {sections})</source>
        <translation>未知的小节 {section}（可选：{sections}）</translation>
    </message>
    <message>
        <source>unknown {name} {value} (one of {allowed})</source>
        <translation>未知的 {name} {value}（可选：{allowed}）</translation>
    </message>
    <message>
        <source>unknown flag {flag} (0 for none, or 1-4)</source>
        <translation>未知的标记 {flag}（0 表示无，或 1-4）</translation>
    </message>
    <message>
        <source>cannot sort by {sort} (one of {keys})</source>
        <translation>无法按 {sort} 排序（可选：{keys}）</translation>
    </message>
    <message>
        <source>the due range ends before it starts</source>
        <translation>到期范围的结束早于开始</translation>
    </message>
    <message>
        <source>easiness must be positive (SM-2&apos;s floor is {floor})</source>
        <translation>简易度必须为正（SM-2 的下限是 {floor}）</translation>
    </message>
    <message>
        <source>the easiness range ends before it starts</source>
        <translation>简易度范围的结束小于开始</translation>
    </message>
    <message>
        <source>not a valid database URL: {url} ({problem})</source>
        <translation>不是有效的数据库 URL：{url}（{problem}）</translation>
    </message>
    <message>
        <source>only SQLite and PostgreSQL databases are supported, got &apos;{backend}&apos;</source>
        <translation>只支持 SQLite 和 PostgreSQL 数据库，收到的是“{backend}”</translation>
    </message>
    <message>
        <source>database path {path} is a folder, not a file</source>
        <translation>数据库路径 {path} 是文件夹，不是文件</translation>
    </message>
    <message>
        <source>folder {folder} does not exist</source>
        <translation>文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <source>a PostgreSQL collection needs psycopg 3: pip install &apos;quizapp[postgres]&apos;</source>
        <translation>PostgreSQL 上的收藏需要 psycopg 3：pip install &apos;quizapp[postgres]&apos;</translation>
    </message>
    <message>
        <source>the PostgreSQL URL names no database: {url}</source>
        <translation>这个 PostgreSQL URL 没有指明数据库：{url}</translation>
    </message>
    <message>
        <source>could not write {name}: the disk is full ({problem})</source>
        <translation>无法写入 {name}：磁盘已满（{problem}）</translation>
    </message>
    <message>
        <source>could not write {name} in {folder}: {problem}</source>
        <translation>无法在 {folder} 中写入 {name}：{problem}</translation>
    </message>
    <message>
        <source>cannot create the backups folder {folder}: {problem}</source>
        <translation>无法创建备份文件夹 {folder}：{problem}</translation>
    </message>
    <message>
        <source>this database was written by a newer quizapp (schema revision &apos;{revision}&apos;; this version knows up to &apos;{head}&apos;). Upgrade quizapp to open it; the file was left untouched.</source>
        <translation>这个数据库由更新版本的 quizapp 写入（数据库结构版本“{revision}”；当前版本最多认识“{head}”）。请升级 quizapp 后再打开；文件没有被改动。</translation>
    </message>
    <message>
        <source>cannot open {path}: its folder {folder} is read-only, and a quizapp collection (SQLite in WAL mode) must create {name}-wal and {name}-shm beside it, even to read. Copy the file to a writable folder, or make this one writable</source>
        <translation>无法打开 {path}：它所在的文件夹 {folder} 是只读的，而 quizapp 的收藏（WAL 模式的 SQLite）即使只是读取，也必须在旁边创建 {name}-wal 和 {name}-shm。请把文件复制到可写的文件夹，或让这个文件夹可写</translation>
    </message>
    <message>
        <source>no quizapp collection at {path} (the file is empty): run &apos;quizapp import&apos; to create one there, or check --db / QUIZAPP_DB</source>
        <translation>{path} 处没有 quizapp 的收藏（文件是空的）：运行 quizapp import 在那里创建一个，或检查 --db / QUIZAPP_DB</translation>
    </message>
    <message>
        <source>no quizapp collection at {path} (the file does not exist): run &apos;quizapp import&apos; to create one there, or check --db / QUIZAPP_DB</source>
        <translation>{path} 处没有 quizapp 的收藏（文件不存在）：运行 quizapp import 在那里创建一个，或检查 --db / QUIZAPP_DB</translation>
    </message>
    <message>
        <source>{path} is not a quizapp collection (an SQLite database with its own schema: {tables}); it was left untouched. Give the path of a quizapp collection, or a new file name</source>
        <translation>{path} 不是 quizapp 的收藏（而是有自己数据表的 SQLite 数据库：{tables}）；它没有被改动。请给出 quizapp 收藏的路径，或一个新的文件名</translation>
    </message>
    <message>
        <source>no quizapp collection in {where} (the database is empty): run &apos;quizapp import&apos; to create one there, or check --db / QUIZAPP_DB</source>
        <translation>{where} 中没有 quizapp 收藏（数据库是空的）：运行“quizapp import”在那里创建一个，或检查 --db / QUIZAPP_DB</translation>
    </message>
    <message>
        <source>this database was written by a newer quizapp (schema revision &apos;{revision}&apos;; this version knows up to &apos;{head}&apos;). Upgrade quizapp to open it; it was left untouched.</source>
        <translation>这个数据库由更新版本的 quizapp 写入（数据库结构版本“{revision}”；本版本最高只认识“{head}”）。请升级 quizapp 后再打开；它未被改动。</translation>
    </message>
    <message>
        <source>{where} is not a quizapp collection (it holds other tables: {tables}); it was left untouched. Give a new, empty database for a collection</source>
        <translation>{where} 不是 quizapp 收藏（其中有别的数据表：{tables}）；它未被改动。请为收藏提供一个新的空数据库</translation>
    </message>
    <message numerus="yes">
        <source>the migration left %n broken reference(s) (first: {first})</source>
        <translation>
            <numerusform>迁移后留下了 %n 个失效的引用（第一个：{first}）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Flags</name>
    <message>
        <source>Red</source>
        <translation>红色</translation>
    </message>
    <message>
        <source>Orange</source>
        <translation>橙色</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>蓝色</translation>
    </message>
</context>
<context>
    <name>FsrsOptimizeDialog</name>
    <message>
        <source>Optimize FSRS</source>
        <translation>优化 FSRS</translation>
    </message>
    <message>
        <source>Fits FSRS&apos;s 21 parameters to your scheduled answers with the optimizer Anki uses. Quiz and mock-interview answers are not used: the scheduler did not plan them. Nothing changes until you save.</source>
        <translation>用 Anki 使用的优化器，根据你按计划完成的复习拟合 FSRS 的 21 个参数。测验和模拟面试的回答不计入：它们不是调度器安排的。保存之前不会有任何改动。</translation>
    </message>
    <message>
        <source>Deck: {deck} (its answers and its sub-decks&apos;; saved as its own parameters)</source>
        <translation>牌组：{deck}（用它及其子牌组的回答拟合；保存为该牌组自己的参数）</translation>
    </message>
    <message>
        <source>All decks: every scheduled answer; saved as the collection&apos;s parameters</source>
        <translation>全部牌组：用所有按计划完成的回答拟合；保存为题库的参数</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>就绪。</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Fitted</source>
        <translation>拟合值</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Optimize</source>
        <translation>优化</translation>
    </message>
    <message>
        <source>Save parameters</source>
        <translation>保存参数</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Waiting for the database…</source>
        <translation>正在等待数据库…</translation>
    </message>
    <message>
        <source>Step {0} of {1}: {2}</source>
        <translation>第 {0} 步，共 {1} 步：{2}</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Not fitted.</source>
        <translation>未拟合。</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <source>{0}. On the same answers, log loss {1:.4f} → {2:.4f} ({3:+.4f}), RMSE(bins) {4:.4f} → {5:.4f}; lower is better.</source>
        <translation>{0}。在相同的回答上，对数损失 {1:.4f} → {2:.4f}（{3:+.4f}），RMSE(bins) {4:.4f} → {5:.4f}；越低越好。</translation>
    </message>
    <message>
        <source>Cancelled; nothing was changed.</source>
        <translation>已取消，没有任何改动。</translation>
    </message>
    <message>
        <source>Could not fit FSRS: {0}</source>
        <translation>无法拟合 FSRS：{0}</translation>
    </message>
    <message>
        <source>Failed.</source>
        <translation>失败。</translation>
    </message>
    <message>
        <source>Could not save the parameters: {0}</source>
        <translation>无法保存参数：{0}</translation>
    </message>
    <message>
        <source>&amp;Optimize FSRS…</source>
        <translation>优化 FSRS(&amp;O)…</translation>
    </message>
</context>
<context>
    <name>FsrsText</name>
    <message numerus="yes">
        <source>%n answer(s), {scored} scored (a day or more after the previous one); test from {test_from}</source>
        <translation>
            <numerusform>%n 次答题，其中 {scored} 次计分（距上一次一天或以上）；测试自 {test_from} 起</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{name} log loss {log_loss}   RMSE(bins) {rmse}   (%n answer(s))</source>
        <translation>
            <numerusform>{name} 对数损失 {log_loss}   RMSE(分箱) {rmse}   （%n 次答题）</numerusform>
        </translation>
    </message>
    <message>
        <source>the training fraction must be between 0 and 1, got {value}</source>
        <translation>训练比例必须在 0 和 1 之间，收到的是 {value}</translation>
    </message>
    <message>
        <source>too few answers given a day or more apart to compare the schedulers</source>
        <translation>间隔一天或以上的答题太少，无法比较调度算法</translation>
    </message>
    <message>
        <source>not fitted (fit=False)</source>
        <translation>未拟合（fit=False）</translation>
    </message>
    <message>
        <source>reading the review log</source>
        <translation>读取复习记录</translation>
    </message>
    <message>
        <source>building the training items</source>
        <translation>构建训练样本</translation>
    </message>
    <message>
        <source>fitting</source>
        <translation>拟合</translation>
    </message>
    <message>
        <source>scoring old and new</source>
        <translation>为新旧参数评分</translation>
    </message>
    <message>
        <source>no answer was given on a later day than the card&apos;s previous one: nothing to fit, the parameters stay</source>
        <translation>没有哪次答题晚于该卡片的上一次答题所在的日期：没有可拟合的数据，参数保持不变</translation>
    </message>
    <message numerus="yes">
        <source>too few answers for the FSRS optimizer: it kept its defaults for %n answer(s) on a later day than the card&apos;s previous one ({cards} cards); the parameters stay</source>
        <translation>
            <numerusform>答题太少，FSRS 优化器无法学习：对 %n 次晚于卡片上一次答题日期的答题（{cards} 张卡片），它保留了默认值；参数保持不变</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>fitted to %n answer(s) on a later day than the card&apos;s previous one</source>
        <translation>
            <numerusform>已拟合 %n 次晚于卡片上一次答题日期的答题</numerusform>
        </translation>
    </message>
    <message>
        <source>the forecast covers 1 to 3650 days, got {days}</source>
        <translation>预测范围为 1 到 3650 天，收到的是 {days}</translation>
    </message>
</context>
<context>
    <name>Gallery</name>
    <message>
        <source>Demo gallery</source>
        <translation>演示库</translation>
    </message>
</context>
<context>
    <name>Grades</name>
    <message>
        <source>Again</source>
        <translation>重来</translation>
    </message>
    <message>
        <source>Hard</source>
        <translation>困难</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>良好</translation>
    </message>
    <message>
        <source>Easy</source>
        <translation>简单</translation>
    </message>
    <message>
        <source>Blackout</source>
        <translation>完全遗忘</translation>
    </message>
    <message>
        <source>Wrong</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Almost</source>
        <translation>差一点</translation>
    </message>
    <message>
        <source>Perfect</source>
        <translation>完美</translation>
    </message>
    <message>
        <source>grade ≥ {grade}</source>
        <translation>评分 ≥ {grade}</translation>
    </message>
    <message>
        <source>Hard or better</source>
        <translation>困难或更好</translation>
    </message>
</context>
<context>
    <name>ImportText</name>
    <message>
        <source>imported {path}: {added} new, {updated} updated, {unchanged} unchanged cards; {rescheduled} rescheduled; reviews added: {reviews}; media files: {media}</source>
        <translation>已导入 {path}：新卡片 {added} 张，更新 {updated} 张，未变 {unchanged} 张；重新安排 {rescheduled} 张；新增复习记录：{reviews}；媒体文件：{media}</translation>
    </message>
    <message numerus="yes">
        <source>; kept %n card(s) you edited</source>
        <translation>
            <numerusform>；保留了 %n 张你编辑过的卡片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n card(s) skipped ({first}{more})</source>
        <translation>
            <numerusform>；跳过 %n 张卡片（{first}{more}）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>exported %n card(s) to {path} (notes: {notes}, reviews: {reviews}, media files: {media})</source>
        <translation>
            <numerusform>已导出 %n 张卡片到 {path}（笔记：{notes}，复习记录：{reviews}，媒体文件：{media}）</numerusform>
        </translation>
    </message>
    <message>
        <source>card {id}: its note or note type is missing</source>
        <translation>卡片 {id}：缺少它的笔记或笔记类型</translation>
    </message>
    <message>
        <source>card {id}: {made}</source>
        <translation>卡片 {id}：{made}</translation>
    </message>
    <message>
        <source>card {id}: cloze {cloze} is empty</source>
        <translation>卡片 {id}：第 {cloze} 个填空为空</translation>
    </message>
    <message>
        <source>card {id}: its front is empty</source>
        <translation>卡片 {id}：正面为空</translation>
    </message>
    <message>
        <source>{id}: a second card with this id in the file</source>
        <translation>{id}：文件中有第二张相同 id 的卡片</translation>
    </message>
    <message numerus="yes">
        <source>imported %n file(s) from {folders} into deck {decks}: {added} new, {updated} updated, {unchanged} unchanged cards</source>
        <translation>
            <numerusform>已从 {folders} 导入 %n 个文件到卡组 {decks}：新卡片 {added} 张，更新 {updated} 张，未变 {unchanged} 张</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n card(s) you edited were kept and the deck&apos;s new version is waiting for review: {ids}</source>
        <translation>
            <numerusform>；保留了 %n 张你编辑过的卡片，卡组的新版本等待你审阅：{ids}</numerusform>
        </translation>
    </message>
    <message>
        <source>a folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>a FIFO</source>
        <translation>命名管道（FIFO）</translation>
    </message>
    <message>
        <source>a character device</source>
        <translation>字符设备</translation>
    </message>
    <message>
        <source>a block device</source>
        <translation>块设备</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>a special file</source>
        <translation>特殊文件</translation>
    </message>
    <message>
        <source>not a regular file ({kind}); only deck files can be imported</source>
        <translation>不是普通文件（{kind}）；只能导入卡组文件</translation>
    </message>
    <message>
        <source>the file is larger than the limit of {bytes} bytes ({mib} MiB); split it into several files</source>
        <translation>文件超过了 {bytes} 字节（{mib} MiB）的上限；请拆分成几个文件</translation>
    </message>
    <message>
        <source>cannot read file: {error}</source>
        <translation>无法读取文件：{error}</translation>
    </message>
    <message>
        <source>{problem}; give the deck a name with --deck NAME or a [deck] header</source>
        <translation>{problem}；请用 --deck NAME 或 [deck] 表头给卡组命名</translation>
    </message>
    <message>
        <source>no deck files (*.toml) found in {folders}</source>
        <translation>在 {folders} 中没有找到卡组文件（*.toml）</translation>
    </message>
    <message numerus="yes">
        <source>earlier cards resemble %n reworded question(s) (listed by --dry-run): rerun with --accept-renames to keep their schedules, or --reject-renames to import them as new cards</source>
        <translation>
            <numerusform>%n 个问题的措辞有改动，与之前的卡片相似（--dry-run 会列出）：加 --accept-renames 重新运行可保留其复习安排，加 --reject-renames 则作为新卡片导入</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot open the file ({error})</source>
        <translation>无法打开文件（{error}）</translation>
    </message>
    <message>
        <source>not a regular file ({kind}); give a notes file (.txt or .md)</source>
        <translation>不是普通文件（{kind}）；请给出笔记文件（.txt 或 .md）</translation>
    </message>
    <message>
        <source>the file is larger than the limit of {limit} bytes ({mib} MiB); split the notes into several files</source>
        <translation>文件超过了 {limit} 字节（{mib} MiB）的上限；请把笔记拆分成几个文件</translation>
    </message>
    <message>
        <source>cannot read the file ({error})</source>
        <translation>无法读取文件（{error}）</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>not valid {codec} text although it starts with that byte-order mark (byte {byte})</source>
        <translation>不是有效的 {codec} 文本，尽管它以该编码的字节顺序标记开头（第 {byte} 字节）</translation>
    </message>
    <message>
        <source>a binary file, not text notes (a UTF-16 file needs its byte-order mark)</source>
        <translation>这是二进制文件，不是文本笔记（UTF-16 文件需要字节顺序标记）</translation>
    </message>
    <message>
        <source>mixed text encodings: line {line} is not UTF-8 while other lines are; save the notes as UTF-8</source>
        <translation>文本编码混杂：第 {line} 行不是 UTF-8，而其他行是；请把笔记另存为 UTF-8</translation>
    </message>
    <message>
        <source>not text in UTF-8 or GB18030 (line {line} cannot be read); save the notes as UTF-8</source>
        <translation>不是 UTF-8 或 GB18030 文本（第 {line} 行无法读取）；请把笔记另存为 UTF-8</translation>
    </message>
    <message>
        <source>a heading ending in ? or ？, or a line **Q:** …</source>
        <translation>以 ? 或 ？ 结尾的标题，或一行 **Q:** …</translation>
    </message>
    <message>
        <source>a line of its own ending in ? or ？</source>
        <translation>单独一行、以 ? 或 ？ 结尾的文字</translation>
    </message>
    <message>
        <source>{path}: no question found (a question is {kind}, followed by its answer)</source>
        <translation>{path}：没有找到问题（问题是{kind}，后面跟着它的答案）</translation>
    </message>
    <message numerus="yes">
        <source>{path}: no question has an answer (%n question(s) without one, first at line {line})</source>
        <translation>
            <numerusform>{path}：没有一个问题有答案（%n 个问题没有答案，第一个在第 {line} 行）</numerusform>
        </translation>
    </message>
    <message>
        <source>imported the notes into deck {deck}: {added} new, {updated} updated, {unchanged} unchanged cards</source>
        <translation>已把笔记导入卡组 {deck}：新卡片 {added} 张，更新 {updated} 张，未变 {unchanged} 张</translation>
    </message>
    <message numerus="yes">
        <source> (schedules kept for %n reworded question(s))</source>
        <translation>
            <numerusform>（%n 个改写过的问题保留了复习安排）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n card(s) left out</source>
        <translation>
            <numerusform>；未导入 %n 张卡片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; kept %n card(s) you edited in the app (the notes&apos; version waits for review in the browser)</source>
        <translation>
            <numerusform>；保留了 %n 张你在应用中编辑过的卡片（笔记中的版本在浏览器中等待审阅）</numerusform>
        </translation>
    </message>
    <message>
        <source>; deck file {path}</source>
        <translation>；卡组文件 {path}</translation>
    </message>
    <message>
        <source>no notes file given</source>
        <translation>没有给出笔记文件</translation>
    </message>
    <message>
        <source>deck name {deck}: give a name such as NNDL::ch07 (no empty part)</source>
        <translation>卡组名称 {deck}：请给出形如 NNDL::ch07 的名称（不能有空的部分）</translation>
    </message>
    <message>
        <source>no collection to import into</source>
        <translation>没有可导入的收藏</translation>
    </message>
    <message>
        <source>{file}:{line}: the question is empty; give it a text or leave it out</source>
        <translation>{file}:{line}：问题为空；请填写文字或不导入它</translation>
    </message>
    <message>
        <source>every card was left out; nothing to import</source>
        <translation>所有卡片都未选中；没有可导入的内容</translation>
    </message>
    <message>
        <source>cannot write the deck file {path}: it is not a file (give a path ending in .toml)</source>
        <translation>无法写入卡组文件 {path}：它不是文件（请给出以 .toml 结尾的路径）</translation>
    </message>
    <message>
        <source>cannot write the deck file {path}: {error}</source>
        <translation>无法写入卡组文件 {path}：{error}</translation>
    </message>
    <message numerus="yes">
        <source>installed %n file(s) under {folder}</source>
        <translation>
            <numerusform>已在 {folder} 下安装 %n 个文件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>removed %n file(s) under {folder}</source>
        <translation>
            <numerusform>已从 {folder} 下移除 %n 个文件</numerusform>
        </translation>
    </message>
    <message>
        <source>refreshed: {tools}</source>
        <translation>已刷新：{tools}</translation>
    </message>
    <message>
        <source>not installed (caches refresh at next login): {tools}</source>
        <translation>未安装（缓存会在下次登录时刷新）：{tools}</translation>
    </message>
    <message>
        <source>nothing to remove: the desktop entry was not installed here</source>
        <translation>没有可移除的内容：这里没有安装桌面项</translation>
    </message>
    <message>
        <source>{path}: {problem}; nothing was imported</source>
        <translation>{path}：{problem}；没有导入任何内容</translation>
    </message>
    <message>
        <source>this package is in Anki&apos;s current format (zstd-compressed), which needs the &apos;zstandard&apos; package: pip install zstandard</source>
        <translation>这个卡包是 Anki 当前的格式（zstd 压缩），需要安装“zstandard”包：pip install zstandard</translation>
    </message>
    <message>
        <source>{what} is not valid zstd data ({error})</source>
        <translation>{what} 不是有效的 zstd 数据（{error}）</translation>
    </message>
    <message>
        <source>{what} unpacks to more than {limit} bytes (the limit)</source>
        <translation>{what} 解压后超过 {limit} 字节（上限）</translation>
    </message>
    <message>
        <source>member &apos;{member}&apos; unpacks to {size} bytes, over the limit of {limit}</source>
        <translation>成员“{member}”解压后为 {size} 字节，超过了 {limit} 的上限</translation>
    </message>
    <message>
        <source>member &apos;{member}&apos; is compressed {ratio}:1, over the limit of {limit}:1 (a zip bomb?)</source>
        <translation>成员“{member}”的压缩比为 {ratio}:1，超过了 {limit}:1 的上限（是 zip 炸弹吗？）</translation>
    </message>
    <message>
        <source>member &apos;{member}&apos; unpacks to more than {limit} bytes</source>
        <translation>成员“{member}”解压后超过 {limit} 字节</translation>
    </message>
    <message>
        <source>cannot open: {error}</source>
        <translation>无法打开：{error}</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>不是普通文件</translation>
    </message>
    <message>
        <source>the file is {size} bytes, over the limit of {limit} ({mib} MiB)</source>
        <translation>文件有 {size} 字节，超过了 {limit}（{mib} MiB）的上限</translation>
    </message>
    <message>
        <source>not an Anki package (not a zip file)</source>
        <translation>不是 Anki 卡包（不是 zip 文件）</translation>
    </message>
    <message>
        <source>damaged zip file ({error})</source>
        <translation>zip 文件已损坏（{error}）</translation>
    </message>
    <message>
        <source>its &apos;meta&apos; member is not Anki package metadata</source>
        <translation>它的“meta”成员不是 Anki 卡包的元数据</translation>
    </message>
    <message>
        <source>unknown package version {version} (quizapp reads versions 1-3: collection.anki2, .anki21 and .anki21b); export it again from Anki</source>
        <translation>未知的卡包版本 {version}（quizapp 能读取版本 1-3：collection.anki2、.anki21 和 .anki21b）；请从 Anki 重新导出</translation>
    </message>
    <message>
        <source>no collection inside (expected collection.anki2, .anki21 or .anki21b)</source>
        <translation>里面没有收藏（应为 collection.anki2、.anki21 或 .anki21b）</translation>
    </message>
    <message>
        <source>the package says it holds {member}, which is missing</source>
        <translation>卡包声称含有 {member}，但它不存在</translation>
    </message>
    <message>
        <source>the media list</source>
        <translation>媒体列表</translation>
    </message>
    <message>
        <source>its media list is damaged</source>
        <translation>它的媒体列表已损坏</translation>
    </message>
    <message>
        <source>media file name {name} would be written outside the media folder (a path, &apos;..&apos; or an absolute name)</source>
        <translation>媒体文件名 {name} 会被写到媒体文件夹之外（含路径、“..”或是绝对路径）</translation>
    </message>
    <message>
        <source>media file {name} is listed but missing (member &apos;{member}&apos;)</source>
        <translation>媒体文件 {name} 在列表中，但文件不存在（成员“{member}”）</translation>
    </message>
    <message>
        <source>media file {name}</source>
        <translation>媒体文件 {name}</translation>
    </message>
    <message>
        <source>{member} is not an SQLite database</source>
        <translation>{member} 不是 SQLite 数据库</translation>
    </message>
    <message>
        <source>{member} cannot be opened ({error})</source>
        <translation>无法打开 {member}（{error}）</translation>
    </message>
    <message>
        <source>{member} is not a readable Anki collection ({error})</source>
        <translation>{member} 不是可读取的 Anki 收藏（{error}）</translation>
    </message>
    <message>
        <source>{member} has no collection row</source>
        <translation>{member} 中没有收藏记录</translation>
    </message>
    <message>
        <source>unknown collection schema version {version} (quizapp reads schemas 11 and 18)</source>
        <translation>未知的收藏结构版本 {version}（quizapp 能读取版本 11 和 18）</translation>
    </message>
    <message>
        <source>{member}: damaged note types, decks or settings ({error})</source>
        <translation>{member}：笔记类型、卡组或设置已损坏（{error}）</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>en</source>
        <translation>zh</translation>
    </message>
</context>
<context>
    <name>Launch</name>
    <message>
        <source>quizapp: warning: {problem}; a second start on this collection will not find this window</source>
        <translation>quizapp：警告：{problem}；再次在此题库上启动时将找不到这个窗口</translation>
    </message>
    <message>
        <source>quizapp is already running on this collection: its window was brought forward</source>
        <translation>quizapp 已在此题库上运行：已将其窗口置于前台</translation>
    </message>
    <message>
        <source>quizapp: error: another quizapp has this collection open but does not answer; close it or try again</source>
        <translation>quizapp：错误：另一个 quizapp 打开了此题库但没有响应；请关闭它或稍后重试</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Study</source>
        <translation>学习(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Quiz</source>
        <translation>测验(&amp;Q)</translation>
    </message>
    <message>
        <source>quizapp — deep-learning interview prep</source>
        <translation>quizapp —— 深度学习面试备考</translation>
    </message>
    <message>
        <source>The demo panel is still loading (demo &apos;{demo}&apos;); try again in a moment</source>
        <translation>演示面板仍在加载（演示“{demo}”），请稍后再试</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts…</source>
        <translation>键盘快捷键(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;About quizapp…</source>
        <translation>关于 quizapp(&amp;A)…</translation>
    </message>
    <message>
        <source>About quizapp</source>
        <translation>关于 quizapp</translation>
    </message>
</context>
<context>
    <name>MockInterviewView</name>
    <message>
        <source>Mock interview</source>
        <translation>模拟面试</translation>
    </message>
    <message>
        <source>Random Q&amp;A questions against the clock. Answer out loud or type, then compare with the model answer and grade yourself honestly. The report can be saved as Markdown.</source>
        <translation>限时回答随机抽取的问答题。可以说出来或打字作答，然后与参考答案对比，诚实地给自己评分。报告可保存为 Markdown。</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>章节</translation>
    </message>
    <message>
        <source>Questions:</source>
        <translation>题数：</translation>
    </message>
    <message>
        <source>Time per question:</source>
        <translation>每题时间：</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Start interview  (Enter)</source>
        <translation>开始面试  (Enter)</translation>
    </message>
    <message>
        <source>Type your answer here, or answer out loud…  (Ctrl+Enter: model answer)</source>
        <translation>在此输入答案，或者直接说出来…  (Ctrl+Enter：参考答案)</translation>
    </message>
    <message>
        <source>Show model answer  (Ctrl+Enter)</source>
        <translation>显示参考答案  (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Save as Markdown…  (Ctrl+S)</source>
        <translation>保存为 Markdown…  (Ctrl+S)</translation>
    </message>
    <message>
        <source>New interview</source>
        <translation>新的面试</translation>
    </message>
    <message>
        <source>Deck: {deck}</source>
        <translation>牌组：{deck}</translation>
    </message>
    <message>
        <source>All decks</source>
        <translation>全部牌组</translation>
    </message>
    <message>
        <source>Choose at least one section.</source>
        <translation>请至少选择一个章节。</translation>
    </message>
    <message>
        <source>Answer as you would in the interview · Ctrl+Enter shows the model answer</source>
        <translation>像面试时那样作答 · Ctrl+Enter 显示参考答案</translation>
    </message>
    <message>
        <source>Time is up.</source>
        <translation>时间到。</translation>
    </message>
    <message>
        <source>Compare with the model answer, then grade yourself</source>
        <translation>与参考答案对比，然后给自己评分</translation>
    </message>
    <message>
        <source>time is up</source>
        <translation>时间到</translation>
    </message>
    <message>
        <source>{used} of {limit}</source>
        <translation>{used} / {limit}</translation>
    </message>
    <message>
        <source>average self-grade {average}/5</source>
        <translation>自评平均分 {average}/5</translation>
    </message>
    <message>
        <source>no grades</source>
        <translation>没有评分</translation>
    </message>
    <message>
        <source>Mock interview — {when}</source>
        <translation>模拟面试 —— {when}</translation>
    </message>
    <message>
        <source>{passed} of {questions} recalled ({recalled}) · {grades} · time used {used} ({each} per question)</source>
        <translation>{questions}中想起 {passed} 道（{recalled}） · {grades} · 用时 {used}（每题 {each}）</translation>
    </message>
    <message>
        <source>time ran out</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>(answered aloud)</source>
        <translation>（口头作答）</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>你的答案</translation>
    </message>
    <message>
        <source>Model answer</source>
        <translation>参考答案</translation>
    </message>
    <message>
        <source>not answered</source>
        <translation>未作答</translation>
    </message>
    <message>
        <source>Save the report as Markdown</source>
        <translation>将报告保存为 Markdown</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown 文件 (*.md)</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>未保存：{error}</translation>
    </message>
    <message>
        <source>Stop the clock and show the model answer</source>
        <translation>停止计时并显示参考答案</translation>
    </message>
    <message>
        <source>Grade yourself</source>
        <translation>给自己评分</translation>
    </message>
</context>
<context>
    <name>NotesImportDialog</name>
    <message>
        <source>Import &amp;notes…</source>
        <translation>导入笔记(&amp;N)…</translation>
    </message>
    <message>
        <source>Notes (*.txt *.md *.markdown);;All files (*)</source>
        <translation>笔记 (*.txt *.md *.markdown);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Deck name (levels separated by ::):</source>
        <translation>牌组名称（层级用 :: 分隔）：</translation>
    </message>
    <message>
        <source>Reading the notes…</source>
        <translation>正在读取笔记…</translation>
    </message>
    <message>
        <source>Import notes failed</source>
        <translation>导入笔记失败</translation>
    </message>
    <message>
        <source>Import notes into %1</source>
        <translation>将笔记导入 %1</translation>
    </message>
    <message>
        <source>%1 cards in %2 sections from %3; the deck file goes to %4</source>
        <translation>来自 %3 的 %1 张卡片，分属 %2 个章节；牌组文件将写入 %4</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>章节</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>已更新</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>未改变</translation>
    </message>
    <message>
        <source>only a lost picture: write the answer or untick</source>
        <translation>只有一张已丢失的图：请写下答案或取消勾选</translation>
    </message>
    <message>
        <source>Answer (Markdown, $…$ for math)</source>
        <translation>答案（Markdown，公式用 $…$）</translation>
    </message>
    <message>
        <source>“%1” → “%2” (%3% alike): the same card, keep its schedule</source>
        <translation>“%1” → “%2”（相似度 %3%）：视为同一张卡片，保留复习计划</translation>
    </message>
    <message>
        <source>Reworded questions that match earlier cards (tick to keep their schedule)</source>
        <translation>措辞改动后与已有卡片匹配的问题（勾选以保留其复习计划）</translation>
    </message>
    <message>
        <source>No answer, not imported: %1 (%2)</source>
        <translation>没有答案，未导入：%1（%2）</translation>
    </message>
    <message>
        <source>Duplicate, left out: %1 (%2, first at %3)</source>
        <translation>重复，已略过：%1（%2，首次出现于 %3）</translation>
    </message>
    <message>
        <source>Text under no question, not imported: %1 (%2)</source>
        <translation>不属于任何问题的文字，未导入：%1（%2）</translation>
    </message>
    <message>
        <source>Not imported</source>
        <translation>未导入</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Imported deck %1: %2 new, %3 updated, %4 unchanged cards</source>
        <translation>已导入牌组 %1：新增 %2 张，更新 %3 张，未改变 %4 张</translation>
    </message>
    <message>
        <source>Import notes</source>
        <translation>导入笔记</translation>
    </message>
</context>
<context>
    <name>Overview</name>
    <message>
        <source>Overview</source>
        <translation>总览</translation>
    </message>
    <message>
        <source>Enter / Space</source>
        <translation>Enter / 空格</translation>
    </message>
    <message>
        <source>Study now</source>
        <translation>开始学习</translation>
    </message>
    <message>
        <source>Open the demo gallery</source>
        <translation>打开演示库</translation>
    </message>
</context>
<context>
    <name>OverviewScreen</name>
    <message>
        <source>Section</source>
        <translation>章节</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新卡片</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Re-drill</source>
        <translation>重练</translation>
    </message>
    <message>
        <source>Cards</source>
        <translation>卡片</translation>
    </message>
    <message>
        <source>Studied</source>
        <translation>已学</translation>
    </message>
    <message>
        <source>Deck</source>
        <translation>牌组</translation>
    </message>
    <message>
        <source>Learn</source>
        <translation>学习中</translation>
    </message>
    <message>
        <source>Network optimization and regularization  ·  网络优化与正则化</source>
        <translation>网络优化与正则化</translation>
    </message>
    <message>
        <source>Chapter 7 of &lt;i&gt;Neural Networks and Deep Learning&lt;/i&gt; — interview flashcards scheduled with SM-2, each concept linked to a live PyTorch demo.</source>
        <translation>《神经网络与深度学习》第 7 章 —— 用 SM-2 安排复习的面试卡片，每个概念都配有 PyTorch 实时演示。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>Study now  (Enter)</source>
        <translation>开始学习  (Enter)</translation>
    </message>
    <message>
        <source>Demo gallery  (G)</source>
        <translation>演示库  (G)</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Options…</source>
        <translation>选项…</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Today · the whole deck</source>
        <translation>今天 · 整个卡组</translation>
    </message>
    <message>
        <source>New cards in today&apos;s session (the daily limit applies)</source>
        <translation>今天学习中的新卡片（受每日上限限制）</translation>
    </message>
    <message>
        <source>Reviews due today</source>
        <translation>今天到期的复习</translation>
    </message>
    <message>
        <source>Cards to drill again today</source>
        <translation>今天要重练的卡片</translation>
    </message>
    <message>
        <source>Cards in the section</source>
        <translation>本节的卡片数</translation>
    </message>
    <message>
        <source>Cards studied at least once (mature: an interval of 3 weeks or more)</source>
        <translation>至少学过一次的卡片（熟练：间隔 3 周及以上）</translation>
    </message>
    <message>
        <source>Could not load: {error}</source>
        <translation>无法加载：{error}</translation>
    </message>
    <message>
        <source>All decks</source>
        <translation>全部牌组</translation>
    </message>
    <message>
        <source>Studying: {deck}</source>
        <translation>正在学习：{deck}</translation>
    </message>
    <message>
        <source>{count} mature</source>
        <translation>{count} 张熟练</translation>
    </message>
    <message>
        <source>{day} — {due} due, {redrill} to re-drill, {new} new</source>
        <translation>{day} —— {due} 张到期，{redrill} 张待重练，{new} 张新卡片</translation>
    </message>
    <message>
        <source>{day} — all done for today</source>
        <translation>{day} —— 今天的任务已完成</translation>
    </message>
</context>
<context>
    <name>ParamControl</name>
    <message>
        <source>steps</source>
        <translation>步</translation>
    </message>
    <message>
        <source>units</source>
        <translation>个单元</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>个样本</translation>
    </message>
    <message>
        <source>trials</source>
        <translation>次试验</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>轮</translation>
    </message>
    <message>
        <source>values</source>
        <translation>个值</translation>
    </message>
    <message>
        <source>sequences</source>
        <translation>条序列</translation>
    </message>
    <message>
        <source>batches</source>
        <translation>批</translation>
    </message>
    <message>
        <source>hidden layers</source>
        <translation>个隐藏层</translation>
    </message>
    <message>
        <source>features</source>
        <translation>个特征</translation>
    </message>
    <message>
        <source>1/step</source>
        <translation>/步</translation>
    </message>
    <message>
        <source>tuned</source>
        <translation>调优值</translation>
    </message>
    <message>
        <source>Use the value tuned for this demo; move the slider to choose your own</source>
        <translation>使用为此演示调好的值；拖动滑块可自行选择</translation>
    </message>
    <message>
        <source>tuned…</source>
        <translation>调优值…</translation>
    </message>
    <message>
        <source>{name}: tuned value in use: {value}. Move the slider to choose your own.</source>
        <translation>{name}：正在使用调优值 {value}。拖动滑块可自行选择。</translation>
    </message>
</context>
<context>
    <name>QuestionHeader</name>
    <message>
        <source>Question {number} of {total}</source>
        <translation>第 {number} 题，共 {total} 题</translation>
    </message>
</context>
<context>
    <name>QuizExplain</name>
    <message>
        <source>Not answered.</source>
        <translation>未作答。</translation>
    </message>
    <message>
        <source>Your answer: {number}. {text} — {why}</source>
        <translation>你的答案：{number}. {text} —— {why}</translation>
    </message>
    <message>
        <source>Right answer: {number}. {text} — {why}</source>
        <translation>正确答案：{number}. {text} —— {why}</translation>
    </message>
    <message>
        <source> (also accepted: {answers})</source>
        <translation>（也接受：{answers}）</translation>
    </message>
    <message>
        <source>you typed “{typed}”</source>
        <translation>你填了“{typed}”</translation>
    </message>
    <message>
        <source>left empty</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>Blank {number}: {typed}; the answer is {answer}{also}</source>
        <translation>填空 {number}：{typed}；答案是 {answer}{also}</translation>
    </message>
    <message>
        <source>Model answer: </source>
        <translation>参考答案：</translation>
    </message>
    <message>
        <source>Where the notes are wrong: </source>
        <translation>笔记有误之处：</translation>
    </message>
</context>
<context>
    <name>QuizView</name>
    <message>
        <source>Multiple choice</source>
        <translation>选择题</translation>
    </message>
    <message>
        <source>Cloze (typed)</source>
        <translation>填空（输入）</translation>
    </message>
    <message>
        <source>Q&amp;A (self-graded)</source>
        <translation>问答（自评）</translation>
    </message>
    <message>
        <source>Quiz</source>
        <translation>测验</translation>
    </message>
    <message>
        <source>Test yourself on a section now, without waiting for the schedule. Misses on cards you already review come back in today&apos;s study session.</source>
        <translation>现在就按章节自测，不必等复习计划。已在复习的卡片若答错，会回到今天的学习中。</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>章节</translation>
    </message>
    <message>
        <source>Kinds</source>
        <translation>题型</translation>
    </message>
    <message>
        <source>Questions:</source>
        <translation>题数：</translation>
    </message>
    <message>
        <source>Start quiz  (Enter)</source>
        <translation>开始测验  (Enter)</translation>
    </message>
    <message>
        <source>Weakest sections (latest answers)</source>
        <translation>最薄弱的章节（最近的作答）</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>By section</source>
        <translation>按章节</translation>
    </message>
    <message>
        <source>Time on this question</source>
        <translation>本题用时</translation>
    </message>
    <message>
        <source>Time 0:00</source>
        <translation>用时 0:00</translation>
    </message>
    <message>
        <source>Check  (Enter)</source>
        <translation>检查  (Enter)</translation>
    </message>
    <message>
        <source>Show answer  (Space)</source>
        <translation>显示答案  (空格)</translation>
    </message>
    <message>
        <source>Finish now</source>
        <translation>立即结束</translation>
    </message>
    <message>
        <source>End the quiz here; unanswered questions score 0</source>
        <translation>在此结束测验；未作答的题计 0 分</translation>
    </message>
    <message>
        <source>Next  (Enter)</source>
        <translation>下一题  (Enter)</translation>
    </message>
    <message>
        <source>New quiz  (Enter)</source>
        <translation>新测验  (Enter)</translation>
    </message>
    <message>
        <source>Deck: {deck}</source>
        <translation>牌组：{deck}</translation>
    </message>
    <message>
        <source>All decks</source>
        <translation>全部牌组</translation>
    </message>
    <message>
        <source>of {count}</source>
        <translation>（共 {count} 次）</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:gray&apos;&gt;Not enough answers yet: each section needs 3 quiz answers before it is judged.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:gray&apos;&gt;作答还不够：每节至少要有 3 次测验作答才会评估。&lt;/span&gt;</translation>
    </message>
    <message>
        <source>mock interview</source>
        <translation>模拟面试</translation>
    </message>
    <message>
        <source>quiz</source>
        <translation>测验</translation>
    </message>
    <message>
        <source>{percent}%  ({points} of {total} points)</source>
        <translation>{percent}%（{points} / {total} 分）</translation>
    </message>
    <message>
        <source>Choose at least one section.</source>
        <translation>请至少选择一个章节。</translation>
    </message>
    <message>
        <source>Choose at least one kind of question.</source>
        <translation>请至少选择一种题型。</translation>
    </message>
    <message>
        <source>See results  (Enter)</source>
        <translation>查看结果  (Enter)</translation>
    </message>
    <message>
        <source>Keys 1–{last} or click an option</source>
        <translation>按 1–{last} 键或点击选项</translation>
    </message>
    <message>
        <source>Type each blank · Enter moves on, then checks · either language counts</source>
        <translation>逐个填空 · Enter 跳到下一空，最后检查 · 中英文均可</translation>
    </message>
    <message>
        <source>Space: show the answer, then grade yourself</source>
        <translation>空格：显示答案，然后给自己评分</translation>
    </message>
    <message>
        <source>your answer</source>
        <translation>你的答案</translation>
    </message>
    <message>
        <source>Blank {number}</source>
        <translation>填空 {number}</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>Time {clock}</source>
        <translation>用时 {clock}</translation>
    </message>
    <message>
        <source>Answer: {answer}</source>
        <translation>答案：{answer}</translation>
    </message>
    <message>
        <source>Enter: next question</source>
        <translation>Enter：下一题</translation>
    </message>
    <message>
        <source>Partly right</source>
        <translation>部分正确</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>答错</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>this card is due again today</source>
        <translation>这张卡片今天会再次到期</translation>
    </message>
    <message>
        <source>(also: {answers})</source>
        <translation>（也可：{answers}）</translation>
    </message>
    <message>
        <source>{points} / {total} points</source>
        <translation>{points} / {total} 分</translation>
    </message>
    <message>
        <source>{right} right · {missed} missed · {unanswered} unanswered · {time} in all · {questions}</source>
        <translation>答对 {right} · 答错 {missed} · 未答 {unanswered} · 共用时 {time} · {questions}</translation>
    </message>
    <message>
        <source>{correct}/{items} right</source>
        <translation>答对 {correct}/{items}</translation>
    </message>
    <message>
        <source>To review</source>
        <translation>需要复习</translation>
    </message>
    <message>
        <source>No misses — well done.</source>
        <translation>全部答对 —— 做得好。</translation>
    </message>
    <message>
        <source>not answered</source>
        <translation>未作答</translation>
    </message>
    <message>
        <source>partly right</source>
        <translation>部分正确</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>答错</translation>
    </message>
    <message>
        <source>due again today</source>
        <translation>今天再次到期</translation>
    </message>
    <message>
        <source>Open demo: {demo}</source>
        <translation>打开演示：{demo}</translation>
    </message>
    <message>
        <source>Demo &apos;{demo}&apos; is not in this build yet</source>
        <translation>此版本尚未包含演示“{demo}”</translation>
    </message>
    <message>
        <source>Start / check / next question</source>
        <translation>开始 / 检查 / 下一题</translation>
    </message>
    <message>
        <source>Choose an option (multiple choice)</source>
        <translation>选择一个选项（选择题）</translation>
    </message>
    <message>
        <source>Show the answer (Q&amp;A)</source>
        <translation>显示答案（问答题）</translation>
    </message>
    <message>
        <source>Grade yourself (Q&amp;A), as the grading setting says</source>
        <translation>给自己评分（问答题），按评分方式设置</translation>
    </message>
</context>
<context>
    <name>Reminder</name>
    <message>
        <source>Nothing due — all done for today</source>
        <translation>没有到期的卡片 —— 今天的任务已完成</translation>
    </message>
    <message>
        <source>{n} due</source>
        <translation>{n} 张到期</translation>
    </message>
    <message>
        <source>{n} to re-drill</source>
        <translation>{n} 张待重练</translation>
    </message>
    <message>
        <source>{n} new</source>
        <translation>{n} 张新卡片</translation>
    </message>
    <message>
        <source>{cards} waiting: {parts}</source>
        <translation>{cards}待学：{parts}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>ReminderBanner</name>
    <message>
        <source>Reminder</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>Study now</source>
        <translation>开始学习</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>Time to review — {what}</source>
        <translation>该复习了 —— {what}</translation>
    </message>
</context>
<context>
    <name>ReminderController</name>
    <message>
        <source>quizapp</source>
        <translation>quizapp</translation>
    </message>
    <message>
        <source>Cards due: …</source>
        <translation>到期卡片：…</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>学习</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>quizapp — time to review</source>
        <translation>quizapp —— 该复习了</translation>
    </message>
    <message>
        <source>{what}. Click to study.</source>
        <translation>{what}。点击开始学习。</translation>
    </message>
    <message>
        <source>Cards due: {count}</source>
        <translation>到期卡片：{count}</translation>
    </message>
    <message>
        <source>Nothing due today</source>
        <translation>今天没有到期的卡片</translation>
    </message>
</context>
<context>
    <name>ReportText</name>
    <message>
        <source>{id}  [{section} {kind}]  tags: {tags}</source>
        <translation>{id}  [{section} {kind}]  标签：{tags}</translation>
    </message>
    <message>
        <source>[{lang}] Q: {front}</source>
        <translation>[{lang}] 问：{front}</translation>
    </message>
    <message>
        <source>  (correct)</source>
        <translation>  （正确）</translation>
    </message>
    <message>
        <source>[{lang}] A: {back}</source>
        <translation>[{lang}] 答：{back}</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新卡</translation>
    </message>
    <message>
        <source>review</source>
        <translation>复习</translation>
    </message>
    <message>
        <source>re-drill</source>
        <translation>重练</translation>
    </message>
    <message>
        <source>state: repetitions={repetitions} EF={ef} interval={interval}d due={due} lapses={lapses}</source>
        <translation>状态：连续答对={repetitions} EF={ef} 间隔={interval} 天 到期={due} 遗忘={lapses}</translation>
    </message>
    <message>
        <source> SUSPENDED</source>
        <translation> 已暂停</translation>
    </message>
    <message numerus="yes">
        <source>history (%n answer(s)):</source>
        <translation>
            <numerusform>历史（%n 次答题）：</numerusform>
        </translation>
    </message>
    <message>
        <source> (undone)</source>
        <translation> （已撤销）</translation>
    </message>
    <message>
        <source>{time} grade {grade} {kind} -&gt; {interval}d EF {ef}</source>
        <translation>{time} 评分 {grade} {kind} -&gt; {interval} 天 EF {ef}</translation>
    </message>
    <message>
        <source>{day}: {due} due, {redrill} to re-drill, {new} new</source>
        <translation>{day}：到期 {due} 张，待重练 {redrill} 张，新卡 {new} 张</translation>
    </message>
    <message>
        <source>{card_id}: graded {grade} ({kind}); repetitions={repetitions} EF={ef} interval={interval}d due={due} lapses={lapses}</source>
        <translation>{card_id}：评分 {grade}（{kind}）；连续答对={repetitions} EF={ef} 间隔={interval} 天 到期={due} 遗忘={lapses}</translation>
    </message>
    <message>
        <source>; comes back again today (re-drill until graded 4 or 5)</source>
        <translation>；今天还会再出现（重练到评分 4 或 5 为止）</translation>
    </message>
    <message>
        <source>cards: {total} ({new} new, {learning} learning, {young} young, {mature} mature, {suspended} suspended); due today: {due_today}</source>
        <translation>卡片：{total} 张（新卡 {new}，学习中 {learning}，新学 {young}，熟练 {mature}，已暂停 {suspended}）；今天到期：{due_today}</translation>
    </message>
    <message numerus="yes">
        <source>last %n day(s): {answers} answers on {days_studied} days, {minutes} min; streak {streak} days; {quiz_answers} quiz answers (not counted)</source>
        <translation>
            <numerusform>最近 %n 天：在 {days_studied} 天里答题 {answers} 次，共 {minutes} 分钟；连续学习 {streak} 天；测验答题 {quiz_answers} 次（不计入）</numerusform>
        </translation>
    </message>
    <message>
        <source>retention: {all} (young {young}, mature {mature})</source>
        <translation>保持率：{all}（新学 {young}，熟练 {mature}）</translation>
    </message>
    <message>
        <source>forecast (next 7 days): {days}</source>
        <translation>预测（未来 7 天）：{days}</translation>
    </message>
    <message>
        <source>grades: {grades}</source>
        <translation>评分：{grades}</translation>
    </message>
</context>
<context>
    <name>ReviewKinds</name>
    <message>
        <source>new</source>
        <translation>新卡片</translation>
    </message>
    <message>
        <source>review</source>
        <translation>复习</translation>
    </message>
    <message>
        <source>re-drill</source>
        <translation>重练</translation>
    </message>
    <message>
        <source>quiz</source>
        <translation>测验</translation>
    </message>
</context>
<context>
    <name>SectionPicker</name>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>None</source>
        <translation>全不选</translation>
    </message>
</context>
<context>
    <name>SelfGradeRow</name>
    <message>
        <source>0–2: missed · 3–5: recalled (3 hard, 4 good, 5 perfect)</source>
        <translation>0–2：没想起 · 3–5：想起（3 困难，4 良好，5 完美）</translation>
    </message>
    <message>
        <source>1 Again: missed · 2 Hard, 3 Good, 4 Easy: recalled</source>
        <translation>1 重来：没想起 · 2 困难、3 良好、4 简单：想起</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Four buttons: Again / Hard / Good / Easy</source>
        <translation>四个按钮：重来 / 困难 / 良好 / 简单</translation>
    </message>
    <message>
        <source>Six grades: 0–5 (SuperMemo)</source>
        <translation>六级评分：0–5（SuperMemo）</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Auto (a CUDA GPU when there is one)</source>
        <translation>自动（有 CUDA GPU 时使用 GPU）</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>CUDA GPU</translation>
    </message>
    <message>
        <source>SM-2 (the default)</source>
        <translation>SM-2（默认）</translation>
    </message>
    <message>
        <source>FSRS (fitted to you: quizapp fsrs optimize)</source>
        <translation>FSRS（按你的记录拟合：quizapp fsrs optimize）</translation>
    </message>
    <message>
        <source>New cards per day</source>
        <translation>每日新卡片数</translation>
    </message>
    <message>
        <source>Reviews per day</source>
        <translation>每日复习数</translation>
    </message>
    <message>
        <source>A study day starts at</source>
        <translation>学习日开始于</translation>
    </message>
    <message>
        <source>Backups kept</source>
        <translation>保留的备份数</translation>
    </message>
    <message>
        <source>Other cards before a re-drill</source>
        <translation>重练前间隔的卡片数</translation>
    </message>
    <message>
        <source> cards</source>
        <translation> 张卡片</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>When a card you missed comes back today, like Anki&apos;s learning steps: the first return after the first step, later ones after the next (the last repeats). Minutes, or hours with h.</source>
        <translation>答错的卡片今天何时再出现，类似 Anki 的学习步长：第一次在第一个步长后回来，之后依次用下一个步长（最后一个重复使用）。单位为分钟，加 h 表示小时。</translation>
    </message>
    <message>
        <source>Re-drill steps</source>
        <translation>重练步长</translation>
    </message>
    <message>
        <source>A missed card also waits until this many other cards were answered, when there are any</source>
        <translation>答错的卡片还要等答完这么多张其他卡片（如果还有的话）才会出现</translation>
    </message>
    <message>
        <source>Grading</source>
        <translation>评分方式</translation>
    </message>
    <message>
        <source>Scheduler</source>
        <translation>调度算法</translation>
    </message>
    <message>
        <source>FSRS desired retention</source>
        <translation>FSRS 目标保持率</translation>
    </message>
    <message>
        <source>FSRS learning steps</source>
        <translation>FSRS 学习步长</translation>
    </message>
    <message>
        <source>FSRS: the steps of a new card before its first interval in days (py-fsrs&apos;s default: 1m 10m). A step that ends today brings the card back in today&apos;s session.</source>
        <translation>FSRS：新卡片在获得以天计的第一个间隔之前要经过的步长（py-fsrs 默认：1m 10m）。当天结束的步长会让卡片在今天的学习中再次出现。</translation>
    </message>
    <message>
        <source>FSRS relearning steps</source>
        <translation>FSRS 重新学习步长</translation>
    </message>
    <message>
        <source>FSRS: the steps of a forgotten card before it gets days again (default: 10m).</source>
        <translation>FSRS：遗忘的卡片重新获得以天计的间隔之前要经过的步长（默认：10m）。</translation>
    </message>
    <message>
        <source>Card language</source>
        <translation>卡片语言</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>The interface language changes when quizapp is started again.</source>
        <translation>界面语言将在重新启动 quizapp 后生效。</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Demo device</source>
        <translation>演示设备</translation>
    </message>
    <message>
        <source>HH:MM, empty for no reminder</source>
        <translation>HH:MM，留空表示不提醒</translation>
    </message>
    <message>
        <source>A daily reminder (system tray, or a banner in the window) at this time while quizapp runs; empty turns it off</source>
        <translation>quizapp 运行时每天在这个时间提醒（系统托盘，或窗口内的横幅）；留空则关闭</translation>
    </message>
    <message>
        <source>Daily reminder at</source>
        <translation>每日提醒时间</translation>
    </message>
    <message>
        <source>Backups are made automatically (at most every 30 minutes of use, and on quit) into the “backups” folder next to your collection; Tools → Backups restores one.</source>
        <translation>备份会自动进行（使用期间最多每 30 分钟一次，退出时也会备份），保存在收藏旁的“backups”文件夹中；用“工具 → 备份”恢复。</translation>
    </message>
    <message>
        <source>Collection</source>
        <translation>收藏</translation>
    </message>
    <message>
        <source>postgresql+psycopg://user@host/database</source>
        <translation>postgresql+psycopg://用户@主机/数据库</translation>
    </message>
    <message>
        <source>A collection shared on a PostgreSQL server (pip install &apos;quizapp[postgres]&apos;); empty: the file on this computer. --db and QUIZAPP_DB still come first.</source>
        <translation>放在 PostgreSQL 服务器上共享的收藏（pip install &apos;quizapp[postgres]&apos;）；留空：用本机上的文件。--db 和 QUIZAPP_DB 仍然优先。</translation>
    </message>
    <message>
        <source>Check and use</source>
        <translation>检查并使用</translation>
    </message>
    <message>
        <source>PostgreSQL server</source>
        <translation>PostgreSQL 服务器</translation>
    </message>
    <message>
        <source>From the next start quizapp opens the collection file on this computer.</source>
        <translation>下次启动时 quizapp 将打开本机上的收藏文件。</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>From the next start quizapp opens the collection at {url}.</source>
        <translation>下次启动时 quizapp 将打开 {url} 上的收藏。</translation>
    </message>
    <message>
        <source>Not kept: {error}</source>
        <translation>未保存：{error}</translation>
    </message>
    <message>
        <source>Settings saved</source>
        <translation>设置已保存</translation>
    </message>
    <message>
        <source>Not saved:</source>
        <translation>未保存：</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Screens</source>
        <translation>界面</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>学习</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>总览</translation>
    </message>
    <message>
        <source>Browser</source>
        <translation>浏览器</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>Quiz</source>
        <translation>测验</translation>
    </message>
    <message>
        <source>Mock interview</source>
        <translation>模拟面试</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
</context>
<context>
    <name>StatsScreen</name>
    <message>
        <source>Statistics  ·  统计</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>History:</source>
        <translation>历史：</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>FSRS</source>
        <translation>FSRS</translation>
    </message>
    <message>
        <source>Your answers and cards</source>
        <translation>你的回答与卡片</translation>
    </message>
    <message>
        <source>SM-2 against FSRS on your own answers, and FSRS&apos;s forecast</source>
        <translation>在你自己的回答上比较 SM-2 与 FSRS，以及 FSRS 的预测</translation>
    </message>
    <message>
        <source>Cards</source>
        <translation>卡片</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>作答</translation>
    </message>
    <message>
        <source>Time spent</source>
        <translation>学习时长</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>保持率</translation>
    </message>
    <message>
        <source>Streak</source>
        <translation>连续学习</translation>
    </message>
    <message>
        <source>Counting your answers…</source>
        <translation>正在统计你的作答…</translation>
    </message>
    <message>
        <source>Deck: {deck}</source>
        <translation>牌组：{deck}</translation>
    </message>
    <message>
        <source>Could not compute the statistics: {error}</source>
        <translation>无法计算统计：{error}</translation>
    </message>
    <message>
        <source>No statistics to show.</source>
        <translation>没有可显示的统计。</translation>
    </message>
    <message>
        <source>{answers} in {days} d</source>
        <translation>{answers}（{days} 天内）</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} 小时</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>{all} (young {young}, mature {mature})</source>
        <translation>{all}（新学 {young}，熟练 {mature}）</translation>
    </message>
    <message>
        <source>Redrawing the charts for the dark theme…</source>
        <translation>正在为深色主题重绘图表…</translation>
    </message>
    <message>
        <source>Redrawing the charts for the light theme…</source>
        <translation>正在为浅色主题重绘图表…</translation>
    </message>
    <message>
        <source>Loading matplotlib, then drawing the charts…</source>
        <translation>正在加载 matplotlib，然后绘制图表…</translation>
    </message>
    <message>
        <source>Drawing the charts…</source>
        <translation>正在绘制图表…</translation>
    </message>
    <message>
        <source>Computing SM-2 against FSRS on your answers and FSRS&apos;s forecast (a few seconds on a large collection)…</source>
        <translation>正在用你的回答比较 SM-2 与 FSRS 并计算 FSRS 的预测（题库较大时需要几秒）…</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>Each model predicts your answers from {0} on, after replaying every answer before them. {1}.</source>
        <translation>每个模型先重放 {0} 之前的全部回答，再预测此后的回答。{1}。</translation>
    </message>
    <message>
        <source>Could not compute the FSRS evidence: {0}</source>
        <translation>无法计算 FSRS 对比：{0}</translation>
    </message>
    <message>
        <source>Nothing to show.</source>
        <translation>暂无可显示的内容。</translation>
    </message>
</context>
<context>
    <name>StatsView</name>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
</context>
<context>
    <name>StudyScreen</name>
    <message>
        <source>Review</source>
        <translation>复习</translation>
    </message>
    <message>
        <source>Re-drill</source>
        <translation>重练</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新卡片</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} 秒</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分钟</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>{days}d</source>
        <translation>{days}天</translation>
    </message>
    <message>
        <source>{months}mo</source>
        <translation>{months}个月</translation>
    </message>
    <message>
        <source>{years}y</source>
        <translation>{years}年</translation>
    </message>
    <message>
        <source>Demo (D)</source>
        <translation>演示 (D)</translation>
    </message>
    <message>
        <source>Open this card&apos;s live demo with its preset</source>
        <translation>按卡片的预设打开它的实时演示</translation>
    </message>
    <message>
        <source>Show answer  (Space)</source>
        <translation>显示答案  (空格)</translation>
    </message>
    <message>
        <source>Back to overview  (Esc)</source>
        <translation>返回总览  (Esc)</translation>
    </message>
    <message>
        <source>Show now  (Space)</source>
        <translation>现在显示  (空格)</translation>
    </message>
    <message>
        <source>Custom study…  (C)</source>
        <translation>自定义学习…  (C)</translation>
    </message>
    <message>
        <source>Nothing to undo in this session</source>
        <translation>本次学习中没有可撤销的操作</translation>
    </message>
    <message>
        <source>Undid: {action}</source>
        <translation>已撤销：{action}</translation>
    </message>
    <message>
        <source>(Ctrl+Z: undo)</source>
        <translation>（Ctrl+Z：撤销）</translation>
    </message>
    <message>
        <source>Saved {card}</source>
        <translation>已保存 {card}</translation>
    </message>
    <message numerus="yes">
        <source>%n failed card(s) back in today&apos;s re-drill</source>
        <translation>
            <numerusform>%n 张答错的卡片已放回今天的重练</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not save or load: {error}</source>
        <translation>无法保存或加载：{error}</translation>
    </message>
    <message>
        <source>The answer to {card} was not saved ({error}): grade it again when the server is back</source>
        <translation>{card} 的回答没有保存（{error}）：服务器恢复后请重新评分</translation>
    </message>
    <message>
        <source>Could not load: {error}</source>
        <translation>无法加载：{error}</translation>
    </message>
    <message>
        <source>again later today</source>
        <translation>今天稍后再来</translation>
    </message>
    <message>
        <source>next in {interval}</source>
        <translation>下次：{interval}</translation>
    </message>
    <message>
        <source>Undid the answer to {card}</source>
        <translation>已撤销对 {card} 的作答</translation>
    </message>
    <message>
        <source>New {count}</source>
        <translation>新卡片 {count}</translation>
    </message>
    <message>
        <source>Review {count}</source>
        <translation>复习 {count}</translation>
    </message>
    <message>
        <source>Re-drill {count}</source>
        <translation>重练 {count}</translation>
    </message>
    <message>
        <source>Demo &apos;{demo}&apos; is not in this build yet</source>
        <translation>此版本尚未包含演示“{demo}”</translation>
    </message>
    <message>
        <source>Space: show answer</source>
        <translation>空格：显示答案</translation>
    </message>
    <message>
        <source>D: demo</source>
        <translation>D：演示</translation>
    </message>
    <message>
        <source>Flag (Alt+1…4 sets, the same again removes it)</source>
        <translation>标记（Alt+1…4 设置，再按一次同一个键取消）</translation>
    </message>
    <message>
        <source>Space: show now   ·   C: custom study   ·   Esc: overview</source>
        <translation>空格：现在显示   ·   C：自定义学习   ·   Esc：总览</translation>
    </message>
    <message>
        <source>Re-drill in {wait}</source>
        <translation>{wait}后重练</translation>
    </message>
    <message numerus="yes">
        <source>%n missed card(s) still to drill today. The next comes back at {time}, after a pause, so the second try tests recall rather than short-term memory.</source>
        <translation>
            <numerusform>今天还有 %n 张答错的卡片要重练。下一张在 {time} 回来；间隔一段时间，第二次尝试考的才是回忆，而不是短时记忆。</numerusform>
        </translation>
    </message>
    <message>
        <source>Show now (Space) brings it back at once.</source>
        <translation>按“现在显示”（空格）可让它立即回来。</translation>
    </message>
    <message>
        <source>Grade {grade}: due in {when}</source>
        <translation>评 {grade} 分：{when}后到期</translation>
    </message>
    <message>
        <source>; comes back later today until you grade it Good or better</source>
        <translation>；今天稍后还会出现，直到评为“良好”或更高</translation>
    </message>
    <message>
        <source>{keys}: grade   ·   ↻ comes back later today   ·   Ctrl+Z: undo</source>
        <translation>{keys}：评分   ·   ↻ 今天稍后再来   ·   Ctrl+Z：撤销</translation>
    </message>
    <message>
        <source>C: custom study (more new cards, one section, failed cards)   ·   Esc: overview</source>
        <translation>C：自定义学习（更多新卡片、单个章节、答错的卡片）   ·   Esc：总览</translation>
    </message>
    <message>
        <source>Nothing to study right now</source>
        <translation>现在没有要学习的内容</translation>
    </message>
    <message>
        <source>No cards are due and today&apos;s new cards are done. Come back tomorrow, or open a demo from the gallery.</source>
        <translation>没有到期的卡片，今天的新卡片也已学完。明天再来，或者去演示库打开一个演示。</translation>
    </message>
    <message>
        <source>{cards} studied, {redrills}, {answers} in {minutes} min.</source>
        <translation>学习了 {cards}，{redrills}，共 {answers}，用时 {minutes} 分钟。</translation>
    </message>
    <message>
        <source>Recalled ({meaning}): {percent} of answers. Grades — {grades}.</source>
        <translation>想起（{meaning}）：占作答的 {percent}。评分 —— {grades}。</translation>
    </message>
    <message>
        <source>New: {new} · Review: {review} · Re-drill: {redrill}</source>
        <translation>新卡片：{new} · 复习：{review} · 重练：{redrill}</translation>
    </message>
    <message>
        <source>Session complete</source>
        <translation>本次学习完成</translation>
    </message>
    <message>
        <source>Well done. Esc returns to the overview; Ctrl+Z takes back the last answer.</source>
        <translation>做得好。按 Esc 返回总览；按 Ctrl+Z 撤销上一次作答。</translation>
    </message>
</context>
<context>
    <name>StudyText</name>
    <message>
        <source>{card_id}: flag {flag}</source>
        <translation>{card_id}：标记为{flag}</translation>
    </message>
    <message>
        <source>{card_id}: flag removed</source>
        <translation>{card_id}：已去掉标记</translation>
    </message>
    <message>
        <source>{card_id}: suspended</source>
        <translation>{card_id}：已暂停</translation>
    </message>
    <message>
        <source>{card_id}: unsuspended</source>
        <translation>{card_id}：已取消暂停</translation>
    </message>
    <message>
        <source>{card_id}: buried until tomorrow</source>
        <translation>{card_id}：已搁置到明天</translation>
    </message>
    <message>
        <source>seconds per question {problem} (got {seconds})</source>
        <translation>每题秒数{problem}（收到的是 {seconds}）</translation>
    </message>
    <message>
        <source>quiz {session_id} is not a mock interview</source>
        <translation>测验 {session_id} 不是模拟面试</translation>
    </message>
    <message>
        <source>{path} is a folder; give a file name ending in .md</source>
        <translation>{path} 是一个文件夹；请给出以 .md 结尾的文件名</translation>
    </message>
    <message>
        <source>folder {folder} does not exist</source>
        <translation>文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <source>unknown section &apos;{section}&apos; (sections are {sections})</source>
        <translation>未知的小节“{section}”（小节有：{sections}）</translation>
    </message>
    <message>
        <source>unknown card kind &apos;{kind}&apos; (kinds are {kinds})</source>
        <translation>未知的卡片类型“{kind}”（类型有：{kinds}）</translation>
    </message>
    <message>
        <source>quiz size must be 1 to {most} (got {size})</source>
        <translation>测验题数必须是 1 到 {most}（收到的是 {size}）</translation>
    </message>
    <message>
        <source>language must be one of {choices} (got &apos;{lang}&apos;)</source>
        <translation>语言必须是以下之一：{choices}（收到的是“{lang}”）</translation>
    </message>
    <message numerus="yes">
        <source>section(s) {sections}</source>
        <translation>
            <numerusform>小节 {sections}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>kind(s) {kinds}</source>
        <translation>
            <numerusform>类型 {kinds}</numerusform>
        </translation>
    </message>
    <message>
        <source>deck &apos;{deck}&apos;</source>
        <translation>卡组“{deck}”</translation>
    </message>
    <message>
        <source>no cards to quiz: the database has no cards (run &apos;quizapp import&apos; first)</source>
        <translation>没有可测验的卡片：数据库中没有卡片（请先运行“quizapp import”）</translation>
    </message>
    <message>
        <source>no cards to quiz in {filters}</source>
        <translation>在{filters}中没有可测验的卡片</translation>
    </message>
    <message>
        <source>no cards to quiz</source>
        <translation>没有可测验的卡片</translation>
    </message>
    <message>
        <source>duration must be 0 to {most} ms (one day), got {duration_ms}</source>
        <translation>用时必须在 0 到 {most} 毫秒（一天）之间，收到的是 {duration_ms}</translation>
    </message>
    <message>
        <source>no quiz item {item_id}</source>
        <translation>没有测验题目 {item_id}</translation>
    </message>
    <message>
        <source>question {number} of this quiz is already answered</source>
        <translation>本次测验的第 {number} 题已经答过了</translation>
    </message>
    <message>
        <source>this quiz is finished; start a new one</source>
        <translation>本次测验已结束；请开始新的测验</translation>
    </message>
    <message>
        <source>no quiz with id {session_id}</source>
        <translation>没有 id 为 {session_id} 的测验</translation>
    </message>
    <message>
        <source>reminder time {problem} (got {time})</source>
        <translation>提醒时间{problem}（收到的是 {time}）</translation>
    </message>
    <message>
        <source>extra new cards must be from 0 to {most}, got {value}</source>
        <translation>额外新卡片数必须在 0 到 {most} 之间，收到的是 {value}</translation>
    </message>
    <message>
        <source>section {section}</source>
        <translation>小节 {section}</translation>
    </message>
    <message numerus="yes">
        <source>%n more new card(s)</source>
        <translation>
            <numerusform>再加 %n 张新卡片</numerusform>
        </translation>
    </message>
    <message>
        <source>Custom study: {what}</source>
        <translation>自定义学习：{what}</translation>
    </message>
    <message>
        <source>daily limits must be &gt;= 0</source>
        <translation>每日上限必须 &gt;= 0</translation>
    </message>
    <message>
        <source>card &apos;{card_id}&apos; has no cloze text</source>
        <translation>卡片“{card_id}”没有填空文本</translation>
    </message>
    <message>
        <source>card &apos;{card_id}&apos; has no blank c{number} (it has {blanks})</source>
        <translation>卡片“{card_id}”没有填空 c{number}（它有 {blanks}）</translation>
    </message>
    <message>
        <source>card &apos;{card_id}&apos; has no choices</source>
        <translation>卡片“{card_id}”没有选项</translation>
    </message>
    <message>
        <source>choose an option from 1 to {count} (got {got})</source>
        <translation>请选择 1 到 {count} 之间的选项（收到的是 {got}）</translation>
    </message>
    <message>
        <source>a self-grade must be 0-5 (got {grade})</source>
        <translation>自评分必须是 0-5（收到的是 {grade}）</translation>
    </message>
    <message>
        <source>a choice</source>
        <translation>一个选项</translation>
    </message>
    <message>
        <source>typed blanks</source>
        <translation>填写的空</translation>
    </message>
    <message>
        <source>a self-grade</source>
        <translation>自评分</translation>
    </message>
    <message>
        <source>card &apos;{card_id}&apos; is a {kind} card: answer it with {expected}</source>
        <translation>卡片“{card_id}”是 {kind} 卡片：请用{expected}作答</translation>
    </message>
    <message>
        <source>a quiz needs at least 1 question (got size {size})</source>
        <translation>测验至少需要 1 道题（收到的题数是 {size}）</translation>
    </message>
    <message>
        <source>&apos;{part}&apos; is not a step: write minutes like &apos;1m 10m&apos; (or hours: &apos;1h&apos;)</source>
        <translation>“{part}”不是有效的步长：请按分钟写，如“1m 10m”（或小时：“1h”）</translation>
    </message>
    <message>
        <source>step &apos;{part}&apos; must be from 1 minute to 24 hours</source>
        <translation>步长“{part}”必须在 1 分钟到 24 小时之间</translation>
    </message>
    <message>
        <source>give at least one step, like &apos;1m 10m&apos;</source>
        <translation>请至少给出一个步长，如“1m 10m”</translation>
    </message>
    <message>
        <source>re-drill steps must be &gt;= 1 minute and cards between &gt;= 0</source>
        <translation>重练步长必须 &gt;= 1 分钟，间隔卡片数必须 &gt;= 0</translation>
    </message>
    <message>
        <source>grade must be 0-5, got {grade}</source>
        <translation>评分必须是 0-5，收到的是 {grade}</translation>
    </message>
    <message>
        <source>must be a whole number from {low} to {high}</source>
        <translation>必须是 {low} 到 {high} 之间的整数</translation>
    </message>
    <message>
        <source>must be one of {options}</source>
        <translation>必须是以下之一：{options}</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>必须是 true 或 false</translation>
    </message>
    <message>
        <source>must be a number from {low} to {high}</source>
        <translation>必须是 {low} 到 {high} 之间的数</translation>
    </message>
    <message>
        <source>must be an empty list (the defaults) or {count} numbers</source>
        <translation>必须是空列表（使用默认值）或 {count} 个数</translation>
    </message>
    <message>
        <source>{name}: unknown setting</source>
        <translation>{name}：未知的设置</translation>
    </message>
    <message>
        <source>{name}: {message} (got {value})</source>
        <translation>{name}：{message}（收到的是 {value}）</translation>
    </message>
    <message>
        <source>grade must be 0-5 or one of again/hard/good/easy, got &apos;{text}&apos;</source>
        <translation>评分必须是 0-5 或 again/hard/good/easy 之一，收到的是“{text}”</translation>
    </message>
    <message>
        <source>day start hour must be 0-23, got {hour}</source>
        <translation>每日开始的小时必须是 0-23，收到的是 {hour}</translation>
    </message>
    <message>
        <source>average self-grade {average}/5</source>
        <translation>自评平均分 {average}/5</translation>
    </message>
    <message>
        <source>no grades</source>
        <translation>没有评分</translation>
    </message>
    <message numerus="yes">
        <source>%n question(s) · {each} each · time used {used} · {grades} · recalled {passed} of {questions}</source>
        <translation>
            <numerusform>%n 道题 · 每题 {each} · 用时 {used} · {grades} · {questions} 道中记住 {passed} 道</numerusform>
        </translation>
    </message>
    <message>
        <source>Section</source>
        <translation>章节</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>评分</translation>
    </message>
    <message>
        <source># Mock interview — {when}</source>
        <translation># 模拟面试 — {when}</translation>
    </message>
    <message>
        <source>Sections: {sections}</source>
        <translation>章节：{sections}</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>{time} (time up)</source>
        <translation>{time}（超时）</translation>
    </message>
    <message>
        <source>not answered</source>
        <translation>未作答</translation>
    </message>
    <message>
        <source>self-grade {grade}</source>
        <translation>自评 {grade}</translation>
    </message>
    <message>
        <source>{used} of {limit}</source>
        <translation>{used} / {limit}</translation>
    </message>
    <message>
        <source>time ran out</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>你的答案</translation>
    </message>
    <message>
        <source>(answered aloud)</source>
        <translation>（口头作答）</translation>
    </message>
    <message>
        <source>Model answer</source>
        <translation>参考答案</translation>
    </message>
</context>
<context>
    <name>StudyView</name>
    <message>
        <source>Study</source>
        <translation>学习</translation>
    </message>
    <message>
        <source>&amp;Undo last answer</source>
        <translation>撤销上一次作答(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Study now</source>
        <translation>开始学习(&amp;S)</translation>
    </message>
    <message>
        <source>Show the answer</source>
        <translation>显示答案</translation>
    </message>
    <message>
        <source>Space / Enter</source>
        <translation>空格 / Enter</translation>
    </message>
    <message>
        <source>Again / Hard / Good / Easy</source>
        <translation>重来 / 困难 / 良好 / 简单</translation>
    </message>
    <message>
        <source>Grade 0–5 (six-grade mode)</source>
        <translation>评分 0–5（六级模式）</translation>
    </message>
    <message>
        <source>Open the card&apos;s demo</source>
        <translation>打开卡片的演示</translation>
    </message>
    <message>
        <source>Scroll a long answer</source>
        <translation>滚动较长的答案</translation>
    </message>
    <message>
        <source>Back to the overview</source>
        <translation>返回总览</translation>
    </message>
    <message>
        <source>Edit the card</source>
        <translation>编辑卡片</translation>
    </message>
    <message>
        <source>Suspend the card</source>
        <translation>暂停卡片</translation>
    </message>
    <message>
        <source>Bury the card until tomorrow</source>
        <translation>搁置卡片到明天</translation>
    </message>
    <message>
        <source>Flag red / orange / green / blue (again: remove)</source>
        <translation>标记为红 / 橙 / 绿 / 蓝（再按一次：取消）</translation>
    </message>
    <message>
        <source>Card info and history</source>
        <translation>卡片信息与历史</translation>
    </message>
    <message>
        <source>Space (re-drill waiting)</source>
        <translation>空格（重练等待中）</translation>
    </message>
    <message>
        <source>Show the waiting re-drill now</source>
        <translation>立即显示等待中的重练</translation>
    </message>
    <message>
        <source>Custom study once today&apos;s cards are done</source>
        <translation>今天的卡片学完后自定义学习</translation>
    </message>
</context>
<context>
    <name>SweepAttachDialog</name>
    <message>
        <source>Attach to a running study</source>
        <translation>连接到正在运行的研究</translation>
    </message>
    <message>
        <source>default: sweeps.journal in the data folder</source>
        <translation>默认：数据文件夹中的 sweeps.journal</translation>
    </message>
    <message>
        <source>An RDB URL (sqlite:///sweeps.db, postgresql+psycopg://…) or a journal file, as given to quizapp sweep run --storage</source>
        <translation>RDB 地址（sqlite:///sweeps.db、postgresql+psycopg://…）或日志文件，与 quizapp sweep run --storage 所用的相同</translation>
    </message>
    <message>
        <source>List studies</source>
        <translation>列出研究</translation>
    </message>
    <message>
        <source>Storage:</source>
        <translation>存储：</translation>
    </message>
    <message>
        <source>Study:</source>
        <translation>研究：</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Detach</source>
        <translation>断开</translation>
    </message>
    <message numerus="yes">
        <source>%n study(ies) in this storage</source>
        <translation>
            <numerusform>此存储中有 %n 个研究</numerusform>
        </translation>
    </message>
    <message>
        <source>Give the study&apos;s name (or list the studies first).</source>
        <translation>请填写研究名称（或先列出研究）。</translation>
    </message>
    <message>
        <source>Reading study %1…</source>
        <translation>正在读取研究 %1…</translation>
    </message>
    <message>
        <source>%1: %2 of %3 finished, %4 running, %5 worker(s) seen</source>
        <translation>%1：已完成 %2/%3，%4 个运行中，已见到 %5 个工作进程</translation>
    </message>
</context>
<context>
    <name>SweepText</name>
    <message>
        <source>storage {path} is a folder; give a file, e.g. {example}</source>
        <translation>存储 {path} 是一个文件夹；请给出文件，例如 {example}</translation>
    </message>
    <message>
        <source>storage folder {folder} does not exist</source>
        <translation>存储文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <source>not a valid storage URL: {url} ({error})</source>
        <translation>不是有效的存储 URL：{url}（{error}）</translation>
    </message>
    <message>
        <source>Optuna&apos;s tables must not live in the collection (both use an alembic_version table); give the study its own file or database, e.g. --storage sqlite:///sweeps.db</source>
        <translation>Optuna 的数据表不能放在收藏里（两者都用 alembic_version 表）；请为该研究另给一个文件或数据库，例如 --storage sqlite:///sweeps.db</translation>
    </message>
    <message>
        <source>storage {storage} is the app&apos;s collection: {why}</source>
        <translation>存储 {storage} 是本应用的收藏：{why}</translation>
    </message>
    <message>
        <source>storage {storage} is the app&apos;s collection database: {why}</source>
        <translation>存储 {storage} 是本应用的收藏数据库：{why}</translation>
    </message>
    <message>
        <source>storage {storage}: its database driver is not installed ({error})</source>
        <translation>存储 {storage}：未安装它的数据库驱动（{error}）</translation>
    </message>
    <message>
        <source>storage {storage} cannot be opened: {error}</source>
        <translation>无法打开存储 {storage}：{error}</translation>
    </message>
    <message>
        <source>no study &apos;{study}&apos; in {storage}; studies there: {names}</source>
        <translation>{storage} 中没有研究“{study}”；那里的研究有：{names}</translation>
    </message>
    <message>
        <source>no study &apos;{study}&apos; in {storage}; it holds no study</source>
        <translation>{storage} 中没有研究“{study}”；那里没有任何研究</translation>
    </message>
    <message>
        <source>study &apos;{study}&apos; was not made by `quizapp sweep run` (it has no plan)</source>
        <translation>研究“{study}”不是由 `quizapp sweep run` 创建的（它没有计划）</translation>
    </message>
    <message>
        <source>study &apos;{study}&apos; already exists in {storage}: pick another name, or join it with `quizapp sweep worker`</source>
        <translation>{storage} 中已有研究“{study}”：请换一个名称，或用 `quizapp sweep worker` 加入它</translation>
    </message>
    <message>
        <source>the study already has all its trials</source>
        <translation>该研究已有全部试验</translation>
    </message>
    <message>
        <source>the study has all its trials</source>
        <translation>该研究已完成全部试验</translation>
    </message>
    <message numerus="yes">
        <source>ran %n trial(s)</source>
        <translation>
            <numerusform>运行了 %n 次试验</numerusform>
        </translation>
    </message>
    <message>
        <source>complete</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>pruned</source>
        <translation>已剪枝</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>trial {trial}: {state}, value {value}</source>
        <translation>试验 {trial}：{state}，目标值 {value}</translation>
    </message>
    <message>
        <source>trial {trial}: {state}</source>
        <translation>试验 {trial}：{state}</translation>
    </message>
    <message>
        <source>{line}; {params}</source>
        <translation>{line}；{params}</translation>
    </message>
    <message>
        <source>chunk {chunk} of {chunks} done (trial {trial}, best loss {loss})</source>
        <translation>{chunks} 块中的第 {chunk} 块已完成（试验 {trial}，最佳损失 {loss}）</translation>
    </message>
    <message>
        <source>all {chunks} chunks are done</source>
        <translation>全部 {chunks} 个分块都已完成</translation>
    </message>
    <message>
        <source>a trial of this worker was failed by another meanwhile ({problem}); dropped</source>
        <translation>这个 worker 的一个试验在此期间被另一个 worker 判为失败（{problem}）；结果已丢弃</translation>
    </message>
    <message>
        <source>nothing waiting; chunks {chunks} still run elsewhere (journal storage cannot tell a dead worker from a slow one)</source>
        <translation>没有等待中的分块；分块 {chunks} 仍在别处运行（日志存储无法区分已停止的工作进程和缓慢的工作进程）</translation>
    </message>
    <message>
        <source>chunks {chunks} failed and are not retried any more (after {retries} retries); see the failed trials of study &apos;{study}&apos;</source>
        <translation>分块 {chunks} 失败，且在重试 {retries} 次后不再重试；请查看研究“{study}”中失败的试验</translation>
    </message>
    <message>
        <source>study &apos;{study}&apos; is a search of &apos;{demo}&apos;, not a chunked sweep</source>
        <translation>研究“{study}”是对“{demo}”的搜索，不是分块扫描</translation>
    </message>
    <message>
        <source>demo &apos;{demo}&apos; cannot run as a study; these can: {demos}</source>
        <translation>演示“{demo}”不能作为 study 运行；可以的有：{demos}</translation>
    </message>
    <message>
        <source>demo &apos;{demo}&apos; is a sweep of fixed configurations: give --chunks, not --trials or --sampler</source>
        <translation>演示“{demo}”是对固定配置的扫描：请用 --chunks，而不是 --trials 或 --sampler</translation>
    </message>
    <message>
        <source>grid {grid}: each side must be at least 1 and the grid at most {most} configurations</source>
        <translation>网格 {grid}：每条边至少为 1，整个网格最多 {most} 个配置</translation>
    </message>
    <message>
        <source>--chunks {chunks}: must be between 1 and the {configs} configurations</source>
        <translation>--chunks {chunks}：必须在 1 到配置数 {configs} 之间</translation>
    </message>
    <message>
        <source>demo &apos;{demo}&apos; is a search: give --trials, not --chunks or --grid</source>
        <translation>演示“{demo}”是搜索：请用 --trials，而不是 --chunks 或 --grid</translation>
    </message>
    <message>
        <source>--sampler {sampler}: demo &apos;{demo}&apos; samples with {choices}</source>
        <translation>--sampler {sampler}：演示“{demo}”的采样器只能是 {choices}</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <source>--trials {trials}: must be at least 1</source>
        <translation>--trials {trials}：至少为 1</translation>
    </message>
</context>
<context>
    <name>ViewMenu</name>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Card &amp;language</source>
        <translation>卡片语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Grading</source>
        <translation>评分方式(&amp;G)</translation>
    </message>
    <message>
        <source>Four buttons: Again / Hard / Good / Easy</source>
        <translation>四个按钮：重来 / 困难 / 良好 / 简单</translation>
    </message>
    <message>
        <source>Six grades: 0–5 (SuperMemo)</source>
        <translation>六级评分：0–5（SuperMemo）</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message numerus="yes">
        <source>%n card(s)</source>
        <translation>
            <numerusform>%n 张卡片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n question(s)</source>
        <translation>
            <numerusform>%n 道题</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n re-drill(s)</source>
        <translation>
            <numerusform>%n 次重练</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s)</source>
        <translation>
            <numerusform>%n 次作答</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
</context>
</TS>
