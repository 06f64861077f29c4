<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <source>Dark (screens)</source>
        <extracomment>Theme names and their menu entries (the themes themselves live in kvviz.gui.theme).</extracomment>
        <translation>深色（屏幕）</translation>
    </message>
    <message>
        <source>Slide (white, large type)</source>
        <translation>幻灯片（白底、大字）</translation>
    </message>
    <message>
        <source>Step</source>
        <extracomment>Each command&apos;s menu text and tooltip, translated when shown (see :meth:`Actions.retranslate`).</extracomment>
        <translation>单步</translation>
    </message>
    <message>
        <source>Process the next token</source>
        <translation>处理下一个词元</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <source>Show the previous step (nothing is recomputed)</source>
        <translation>显示上一步（不重新计算任何内容）</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Step automatically at the chosen speed; press again to pause</source>
        <translation>按所选速度自动单步；再按一次暂停</translation>
    </message>
    <message>
        <source>First</source>
        <translation>第一步</translation>
    </message>
    <message>
        <source>Show the prefill step</source>
        <translation>显示预填充步</translation>
    </message>
    <message>
        <source>Run to end</source>
        <translation>运行到结尾</translation>
    </message>
    <message>
        <source>Step until the token budget or the context is used up</source>
        <translation>一直单步，直到词元预算或上下文用完</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Discard the run and start again from the prefill</source>
        <translation>丢弃本次运行，从预填充重新开始</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Show the whole attention matrices and follow their growth</source>
        <translation>显示完整的注意力矩阵，并随其增长自动缩放</translation>
    </message>
    <message>
        <source>Presentation</source>
        <translation>演示模式</translation>
    </message>
    <message>
        <source>The tokens, both matrices large and the step in words, for a class; Esc leaves</source>
        <translation>为课堂显示词元、放大的两个矩阵和当前步的文字说明；按 Esc 退出</translation>
    </message>
    <message>
        <source>Leave presentation</source>
        <translation>退出演示模式</translation>
    </message>
    <message>
        <source>Back to the desktop layout</source>
        <translation>回到桌面布局</translation>
    </message>
    <message>
        <source>What am I looking at?</source>
        <translation>我在看什么？</translation>
    </message>
    <message>
        <source>Show the explanation of the views</source>
        <translation>显示各视图的说明</translation>
    </message>
    <message>
        <source>Open model folder…</source>
        <translation>打开模型文件夹…</translation>
    </message>
    <message>
        <source>Run a Hugging Face model folder (config.json, *.safetensors, tokenizer.json) instead of the tiny model</source>
        <translation>运行一个 Hugging Face 模型文件夹（config.json、*.safetensors、tokenizer.json），代替内置的小模型</translation>
    </message>
    <message>
        <source>Export picture…</source>
        <translation>导出图片…</translation>
    </message>
    <message>
        <source>Save a panel or the window as PNG or SVG</source>
        <translation>将某个面板或整个窗口保存为 PNG 或 SVG</translation>
    </message>
    <message>
        <source>Copy picture</source>
        <translation>复制图片</translation>
    </message>
    <message>
        <source>Copy the last exported panel to the clipboard, to paste in a slide</source>
        <translation>将上次导出的面板复制到剪贴板，以便粘贴到幻灯片中</translation>
    </message>
    <message>
        <source>Export animation…</source>
        <translation>导出动画…</translation>
    </message>
    <message>
        <source>Save steps a..b of a panel as an animated GIF (or MP4)</source>
        <translation>将某个面板第 a..b 步保存为 GIF 动画（或 MP4）</translation>
    </message>
    <message>
        <source>Export data…</source>
        <translation>导出数据…</translation>
    </message>
    <message>
        <source>Save per-step tokens, FLOPs, bytes and times as CSV or JSON</source>
        <translation>将每一步的词元、FLOPs、字节数和耗时保存为 CSV 或 JSON</translation>
    </message>
    <message>
        <source>Redraw the window in the dark theme; the run is kept</source>
        <translation>以深色主题重绘窗口；当前运行保持不变</translation>
    </message>
    <message>
        <source>Redraw the window in the slide theme; the run is kept</source>
        <translation>以幻灯片主题重绘窗口；当前运行保持不变</translation>
    </message>
    <message>
        <source>Show the window in English; the run is kept</source>
        <translation>以英文显示窗口；当前运行保持不变</translation>
    </message>
    <message>
        <source>Show the window in Simplified Chinese; the run is kept</source>
        <translation>以简体中文显示窗口；当前运行保持不变</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Close kvviz</source>
        <translation>关闭 kvviz</translation>
    </message>
    <message>
        <source>Pause</source>
        <extracomment>What the play command says while playing.</extracomment>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Help</source>
        <extracomment>Menu texts that name a language: never translated. Each command&apos;s keys; PageDown/PageUp too for stepping: what presentation clickers send.</extracomment>
        <translation>帮助</translation>
    </message>
</context>
<context>
    <name>AttentionPanel</name>
    <message>
        <source>Without KV cache</source>
        <extracomment>Each mode&apos;s title (marked here, translated when shown).</extracomment>
        <translation>不使用键值缓存（KV cache）</translation>
    </message>
    <message>
        <source>With KV cache</source>
        <translation>使用键值缓存（KV cache）</translation>
    </message>
    <message>
        <source>Without cache</source>
        <extracomment>The titles when the full ones do not fit a narrow panel.</extracomment>
        <translation>不使用缓存</translation>
    </message>
    <message>
        <source>With cache</source>
        <translation>使用缓存</translation>
    </message>
    <message>
        <source>not computed</source>
        <extracomment>Height of the K/V source strip, in pixels. Width of the query axis (and the strip&apos;s, so the two line up), in pixels. Fewest cells drawn across a span however small the view: that many cells cost little, and a small window still shows every cell of a short run (the reader zooms in on it). Pixels assumed across a view not laid out yet (nothing to measure): matrices up to this many tokens are drawn cell for cell.</extracomment>
        <translation>未计算</translation>
    </message>
    <message>
        <source>{flops} this step</source>
        <translation>本步 {flops}</translation>
    </message>
    <message>
        <source>layer {layer} · head {head} · K/V head {kv_head}</source>
        <translation>第 {layer} 层 · 头 {head} · 键值头 {kv_head}</translation>
    </message>
    <message>
        <source>query (row)</source>
        <translation>查询（行）</translation>
    </message>
    <message>
        <source>key (column)</source>
        <translation>键（列）</translation>
    </message>
</context>
<context>
    <name>CachePlot</name>
    <message>
        <source>fp8 + scales</source>
        <extracomment>Okabe–Ito colours and distinct dash patterns, one pair per curve after the model&apos;s own line. Cache dtypes compared in the second plot; float16 and bfloat16 take the same bytes, so one curve. The labels are marked in the &quot;CachePlot&quot; context and translated when drawn.
----------
Cache dtypes the dtype comparison draws (float16 and bfloat16 take the same bytes).</extracomment>
        <translation>fp8 + 缩放因子</translation>
    </message>
    <message>
        <source>int8 + scales</source>
        <translation>int8 + 缩放因子</translation>
    </message>
    <message>
        <source>int4 + scales</source>
        <translation>int4 + 缩放因子</translation>
    </message>
    <message>
        <source>KV cache (decimal: 1 GB = 10⁹ B)</source>
        <extracomment>The cache plots&apos; axis titles (the serving page has its own, marked in the same context).</extracomment>
        <translation>键值缓存（十进制：1 GB = 10⁹ B）</translation>
    </message>
    <message>
        <source>context (tokens)</source>
        <translation>上下文（词元）</translation>
    </message>
    <message>
        <source>context {n}</source>
        <translation>上下文 {n}</translation>
    </message>
    <message>
        <source>this model</source>
        <translation>本模型</translation>
    </message>
    <message>
        <source>, batch {n}</source>
        <translation>，批大小 {n}</translation>
    </message>
    <message>
        <source>{layers} layers, {heads} heads × {width}, {dtype}{sequences}</source>
        <translation>{layers} 层，{heads} 个头 × {width}，{dtype}{sequences}</translation>
    </message>
    <message>
        <source>Attention variants at the same size</source>
        <translation>同等规模下的各种注意力</translation>
    </message>
    <message>
        <source>Cache dtypes</source>
        <translation>缓存数据类型</translation>
    </message>
    <message>
        <source>{gpu} − weights</source>
        <translation>{gpu} − 权重</translation>
    </message>
    <message>
        <source>concurrent sequences</source>
        <translation>并发序列数</translation>
    </message>
    <message>
        <source>context (tokens per sequence)</source>
        <translation>上下文（每个序列的词元数）</translation>
    </message>
</context>
<context>
    <name>CacheView</name>
    <message>
        <source>Bytes of keys and values the cache holds now: 2 (K and V) × batch × tokens × layers × kv_heads × head_dim × bytes per element. The product is compared with the bytes the cache tensors actually use.</source>
        <extracomment>Most rows one band shows; above this, dimensions are shown with a stride. Fewest columns drawn across the positions in view however narrow the view (as the attention panels): that many cost little, and a short run is drawn position by position. Columns assumed for a view not laid out yet (nothing to measure).</extracomment>
        <translation>缓存当前保存的键和值的字节数：2（K 和 V）× 批大小 × 词元数 × 层数 × kv_heads × head_dim × 每个元素的字节数。这个乘积会与缓存张量实际占用的字节数相比较。</translation>
    </message>
    <message>
        <source>One band per buffer, each layer&apos;s K above its V; rows are K/V heads × head dimensions, columns are cache positions.</source>
        <translation>每个缓冲区一条带，每层的 K 在上、V 在下；行是键值头 × 头维度，列是缓存位置。</translation>
    </message>
    <message>
        <source>value (− 0 +)</source>
        <translation>数值（− 0 +）</translation>
    </message>
    <message>
        <source>allocated, empty</source>
        <translation>已分配，空</translation>
    </message>
    <message>
        <source>appended this step</source>
        <translation>本步追加</translation>
    </message>
    <message>
        <source>evicted from the cache</source>
        <translation>已从缓存中驱逐</translation>
    </message>
    <message>
        <source>&lt;b&gt;{used}&lt;/b&gt; used of {allocated}</source>
        <translation>已用 &lt;b&gt;{used}&lt;/b&gt; / {allocated}</translation>
    </message>
    <message>
        <source>{dtype} + float16 scales</source>
        <translation>{dtype} + float16 缩放因子</translation>
    </message>
    <message>
        <source>{sinks} sinks + window {window}</source>
        <translation>{sinks} 个汇聚 + 窗口 {window}</translation>
    </message>
    <message>
        <source>window {window}</source>
        <translation>窗口 {window}</translation>
    </message>
    <message>
        <source>&lt;b&gt;KV cache&lt;/b&gt; · {kept}: {capacity} slots · {resident} positions resident, {evicted} evicted · {used} allocated ({share}){storage}</source>
        <translation>&lt;b&gt;键值缓存（KV cache）&lt;/b&gt; · {kept}：{capacity} 个槽位 · {resident} 个位置在缓存中，{evicted} 个已驱逐 · {used}（占已分配的 {share}）{storage}</translation>
    </message>
    <message>
        <source>&lt;b&gt;KV cache&lt;/b&gt; · {n} of {capacity} positions · {used} allocated ({share}){storage}</source>
        <translation>&lt;b&gt;键值缓存（KV cache）&lt;/b&gt; · {n} / {capacity} 个位置 · {used}（占已分配的 {share}）{storage}</translation>
    </message>
    <message>
        <source>sequence 0 of {batch}</source>
        <translation>序列 0（共 {batch} 个）</translation>
    </message>
    <message>
        <source>sequence 0 of {batch}, 1 in {stride} dims</source>
        <translation>序列 0（共 {batch} 个），每 {stride} 维显示 1 维</translation>
    </message>
</context>
<context>
    <name>CellInspector</name>
    <message>
        <source>masked (key after query)</source>
        <translation>已掩码（键在查询之后）</translation>
    </message>
    <message>
        <source>computed this step</source>
        <translation>本步计算</translation>
    </message>
    <message>
        <source>recomputed (redundant: the same value again, up to rounding)</source>
        <translation>重新计算（冗余：在舍入误差内得到相同的值）</translation>
    </message>
    <message>
        <source>skipped (computed at an earlier step)</source>
        <translation>跳过（已在之前的步中计算）</translation>
    </message>
    <message>
        <source>outside the window (K/V evicted: this query cannot attend to it)</source>
        <translation>窗口之外（键/值已被驱逐：该查询无法关注它）</translation>
    </message>
    <message>
        <source>K/V computed</source>
        <translation>键/值本步计算</translation>
    </message>
    <message>
        <source>K/V from cache</source>
        <translation>键/值来自缓存</translation>
    </message>
    <message>
        <source>K/V evicted from the cache</source>
        <translation>键/值已从缓存中驱逐</translation>
    </message>
    <message>
        <source>without cache</source>
        <extracomment>What each mode is called before its cell&apos;s status.</extracomment>
        <translation>不使用缓存</translation>
    </message>
    <message>
        <source>with cache</source>
        <translation>使用缓存</translation>
    </message>
    <message>
        <source>&lt;b&gt;query&lt;/b&gt; {row} &lt;b&gt;{query}&lt;/b&gt; · &lt;b&gt;key&lt;/b&gt; {col} &lt;b&gt;{key}&lt;/b&gt; · </source>
        <translation>&lt;b&gt;查询&lt;/b&gt; {row} &lt;b&gt;{query}&lt;/b&gt; · &lt;b&gt;键&lt;/b&gt; {col} &lt;b&gt;{key}&lt;/b&gt; · </translation>
    </message>
    <message>
        <source>no score: outside the window</source>
        <translation>无分数：在窗口之外</translation>
    </message>
    <message>
        <source>no score: masked</source>
        <translation>无分数：已掩码</translation>
    </message>
    <message>
        <source>score &lt;b&gt;{score}&lt;/b&gt; · softmax weight &lt;b&gt;{weight}&lt;/b&gt;</source>
        <translation>分数 &lt;b&gt;{score}&lt;/b&gt; · softmax 权重 &lt;b&gt;{weight}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{status}, {source}</source>
        <translation>{status}，{source}</translation>
    </message>
    <message>
        <source>Hover over a cell of either matrix to read its query, key, score, weight and status in both modes.</source>
        <translation>将鼠标悬停在任一矩阵的单元格上，即可查看其查询、键、分数、权重以及两种模式下的状态。</translation>
    </message>
</context>
<context>
    <name>ComparePage</name>
    <message>
        <source>Pin this</source>
        <extracomment>Height of a bar, in rows (one row per pin; the label sits in the rest, above its bar).</extracomment>
        <translation>固定当前配置</translation>
    </message>
    <message>
        <source>Add the model, cache dtype and batch chosen above as a bar</source>
        <translation>把上面选定的模型、缓存数据类型和批大小添加为一根条形</translation>
    </message>
    <message>
        <source>Pin MHA · GQA · MQA · MLA</source>
        <translation>固定 MHA · GQA · MQA · MLA</translation>
    </message>
    <message>
        <source>The chosen model&apos;s depth, heads and head width with each attention variant</source>
        <translation>以所选模型的层数、头数和头宽度，分别采用每种注意力变体</translation>
    </message>
    <message>
        <source>Pin float16 · int8 · int4</source>
        <translation>固定 float16 · int8 · int4</translation>
    </message>
    <message>
        <source>The chosen model with each cache dtype (int8 and int4 add float16 scales)</source>
        <translation>所选模型分别采用每种缓存数据类型（int8 和 int4 另加 float16 缩放因子）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Remove every bar</source>
        <translation>移除所有条形</translation>
    </message>
    <message>
        <source>Pin configurations to compare their caches as bars at the chosen context, on a linear axis where a 4× saving looks like one.</source>
        <translation>固定几种配置，在所选上下文长度下以条形比较它们的缓存；坐标轴是线性的，节省 4 倍看上去就是 4 倍。</translation>
    </message>
    <message>
        <source>× {ratio} of the first</source>
        <translation>为第一项的 × {ratio}</translation>
    </message>
    <message>
        <source>KV cache at {n} token per sequence</source>
        <translation>每个序列 {n} 个词元时的键值缓存</translation>
    </message>
    <message>
        <source>KV cache at {n} tokens per sequence</source>
        <translation>每个序列 {n} 个词元时的键值缓存</translation>
    </message>
    <message>
        <source>linear axis</source>
        <translation>线性坐标轴</translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message>
        <source>kvviz: unexpected error</source>
        <translation>kvviz：意外错误</translation>
    </message>
    <message>
        <source>Something went wrong, but kvviz is still running.</source>
        <translation>出了点问题，但 kvviz 仍在运行。</translation>
    </message>
    <message>
        <source>The details are saved in {path}</source>
        <translation>详细信息已保存在 {path}</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>MP4 needs the video extra (pip install &apos;kvviz[video]&apos;: imageio-ffmpeg); GIF works without it</source>
        <translation>MP4 需要 video 扩展（pip install &apos;kvviz[video]&apos;：imageio-ffmpeg）；GIF 无需它也可导出</translation>
    </message>
    <message>
        <source>Whole window</source>
        <extracomment>What each panel is called in the menus; names are the keys of ``window.panels`` (and the CLI&apos;s --panel).</extracomment>
        <translation>整个窗口</translation>
    </message>
    <message>
        <source>Both attention panels, with key</source>
        <translation>两个注意力面板（含图例）</translation>
    </message>
    <message>
        <source>Both attention panels</source>
        <translation>两个注意力面板</translation>
    </message>
    <message>
        <source>Attention without KV cache</source>
        <translation>不使用键值缓存的注意力</translation>
    </message>
    <message>
        <source>Attention with KV cache</source>
        <translation>使用键值缓存的注意力</translation>
    </message>
    <message>
        <source>KV cache</source>
        <translation>键值缓存（KV cache）</translation>
    </message>
    <message>
        <source>All plots</source>
        <translation>所有图表</translation>
    </message>
    <message>
        <source>Plot: FLOPs per step</source>
        <translation>图表：每步 FLOPs</translation>
    </message>
    <message>
        <source>Plot: cumulative FLOPs</source>
        <translation>图表：累计 FLOPs</translation>
    </message>
    <message>
        <source>Plot: KV cache bytes</source>
        <translation>图表：键值缓存字节数</translation>
    </message>
    <message>
        <source>Plot: wall time per step</source>
        <translation>图表：每步耗时</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>Presentation page</source>
        <translation>演示页面</translation>
    </message>
    <message>
        <source>The picture was not saved</source>
        <translation>图片未保存</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Nothing was copied</source>
        <translation>未复制任何内容</translation>
    </message>
    <message>
        <source>Copied {panel} ({width}×{height}) to the clipboard</source>
        <translation>已将{panel}（{width}×{height}）复制到剪贴板</translation>
    </message>
    <message>
        <source>The data was not saved</source>
        <translation>数据未保存</translation>
    </message>
    <message>
        <source>Saved {n} steps to {path}</source>
        <translation>已将 {n} 步保存到 {path}</translation>
    </message>
    <message>
        <source>The animation was not saved</source>
        <translation>动画未保存</translation>
    </message>
    <message>
        <source>Export per-step data</source>
        <translation>导出每步数据</translation>
    </message>
    <message>
        <source>CSV table (*.csv);;JSON document (*.json)</source>
        <translation>CSV 表格 (*.csv);;JSON 文档 (*.json)</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>Slide</source>
        <translation>幻灯片</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Export picture</source>
        <translation>导出图片</translation>
    </message>
    <message>
        <source>Panel</source>
        <translation>面板</translation>
    </message>
    <message>
        <source>PNG for any panel; SVG (vector, editable) for single plots.</source>
        <translation>任何面板都可导出 PNG；单个图表可导出 SVG（矢量，可编辑）。</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Copy to clipboard</source>
        <translation>复制到剪贴板</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG vector, plots only (*.svg)</source>
        <translation>PNG 图片 (*.png);;SVG 矢量图，仅限图表 (*.svg)</translation>
    </message>
    <message>
        <source>Export animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <source> ms per frame</source>
        <translation> 毫秒/帧</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>(steps computed so far: 0..{last})</source>
        <translation>（已计算的步：0..{last}）</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>GIF, or MP4</source>
        <translation>GIF 或 MP4</translation>
    </message>
    <message>
        <source>GIF. {reason}.</source>
        <translation>GIF。{reason}。</translation>
    </message>
    <message>
        <source>Animated GIF (*.gif);;MP4 video (*.mp4)</source>
        <translation>GIF 动画 (*.gif);;MP4 视频 (*.mp4)</translation>
    </message>
    <message>
        <source>Drawing frames…</source>
        <translation>正在绘制帧…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Animation export cancelled; nothing was saved</source>
        <translation>已取消导出动画；未保存任何内容</translation>
    </message>
    <message>
        <source>Encoding…</source>
        <translation>正在编码…</translation>
    </message>
</context>
<context>
    <name>FiguresView</name>
    <message>
        <source>Model</source>
        <extracomment>Each readout row: its key and its title (marked here, translated when shown).</extracomment>
        <translation>模型</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Layers, heads</source>
        <translation>层数、头数</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>KV cache per token</source>
        <translation>每个词元的键值缓存</translation>
    </message>
    <message>
        <source>KV cache</source>
        <translation>键值缓存</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Weights + cache</source>
        <translation>权重 + 缓存</translation>
    </message>
    <message>
        <source>Longest context</source>
        <translation>最长上下文</translation>
    </message>
    <message>
        <source>FLOPs per token, cached</source>
        <translation>每词元 FLOPs（使用缓存）</translation>
    </message>
    <message>
        <source>FLOPs per token, uncached</source>
        <translation>每词元 FLOPs（不使用缓存）</translation>
    </message>
    <message>
        <source>GPU (nvidia-smi)</source>
        <translation>GPU（nvidia-smi）</translation>
    </message>
    <message>
        <source>free after weights</source>
        <translation>放下权重后剩余</translation>
    </message>
    <message>
        <source>fits</source>
        <translation>放得下</translation>
    </message>
    <message>
        <source>longest context</source>
        <translation>最长上下文</translation>
    </message>
    <message>
        <source>{n} active per token</source>
        <translation>每个词元激活 {n}</translation>
    </message>
    <message>
        <source>1 sequence</source>
        <translation>1 个序列</translation>
    </message>
    <message>
        <source>{n} sequences</source>
        <translation>{n} 个序列</translation>
    </message>
    <message>
        <source>{n} tokens × {sequences}</source>
        <translation>{n} 个词元 × {sequences}</translation>
    </message>
    <message>
        <source>beyond trained {n}</source>
        <translation>超出训练长度 {n}</translation>
    </message>
    <message>
        <source>{layers} layers, {heads} query heads, d_model {d_model}</source>
        <translation>{layers} 层，{heads} 个查询头，d_model {d_model}</translation>
    </message>
    <message>
        <source>{bytes}  at {dtype} ({source})</source>
        <translation>{bytes}  按 {dtype}（{source}）</translation>
    </message>
    <message>
        <source>{context} on {gpu} ({sequences})</source>
        <translation>{context}，在 {gpu} 上（{sequences}）</translation>
    </message>
    <message>
        <source>{flops}  ({exact}) at context {context}</source>
        <translation>{flops}  （{exact}），上下文 {context}</translation>
    </message>
    <message>
        <source>{flops}  ({ratio}× cached)</source>
        <translation>{flops}  （使用缓存时的 {ratio}×）</translation>
    </message>
    <message>
        <source>parameters × bytes per parameter; quantization scales of the weights not counted</source>
        <translation>参数量 × 每个参数的字节数；不计权重的量化缩放因子</translation>
    </message>
    <message>
        <source>Source: {source}</source>
        <translation>来源：{source}</translation>
    </message>
    <message>
        <source>Assumed: {text}.</source>
        <translation>假设：{text}。</translation>
    </message>
    <message>
        <source>KV cache per token = {formula}. {scheme}.</source>
        <translation>每个词元的键值缓存 = {formula}。{scheme}。</translation>
    </message>
    <message>
        <source>FLOPs at context {context}: {formula}.</source>
        <translation>上下文为 {context} 时的 FLOPs：{formula}。</translation>
    </message>
    <message>
        <source>GPU memory is the total nvidia-smi reports (MiB, binary); kB/MB/GB are decimal. The longest context is capped at the trained context. Only weights and KV cache are counted here, not activations, workspace or the runtime&apos;s reserve (the Serving tab adds an allowance for them).</source>
        <translation>GPU 显存取 nvidia-smi 报告的总量（MiB，二进制）；kB/MB/GB 为十进制。最长上下文不超过训练时的上下文长度。这里只计权重和键值缓存，不计激活值、工作区或运行时的预留（“部署”页会为它们另加一份余量）。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>{size}; longest context {context}</source>
        <translation>{size}；最长上下文 {context}</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Trained weights: {note}</source>
        <extracomment>Settings that describe the run.</extracomment>
        <translation>训练好的权重：{note}</translation>
    </message>
    <message>
        <source>Weights not loaded: {problem}</source>
        <translation>权重未加载：{problem}</translation>
    </message>
    <message>
        <source>Saved model folder not opened: {reason} — running the default model instead.</source>
        <translation>未能打开保存的模型文件夹：{reason}——改为运行默认模型。</translation>
    </message>
    <message>
        <source>Saved model settings were not usable ({reason}); using the defaults.</source>
        <translation>保存的模型设置不可用（{reason}）；改用默认设置。</translation>
    </message>
    <message>
        <source>{reason} — running random weights instead</source>
        <translation>{reason}——改为运行随机权重</translation>
    </message>
</context>
<context>
    <name>FormulaView</name>
    <message>
        <source>bytes</source>
        <extracomment>What stands between two value columns, and before the result.</extracomment>
        <translation>字节数</translation>
    </message>
    <message>
        <source> ≠ measured {measured} B</source>
        <translation> ≠ 实测 {measured} B</translation>
    </message>
</context>
<context>
    <name>Frame</name>
    <message>
        <source>kvviz — watch the KV cache work</source>
        <translation>kvviz——观察键值缓存（KV cache）如何工作</translation>
    </message>
    <message>
        <source>Step shown / steps computed so far</source>
        <extracomment>What each status-bar field tells, in its tooltip.</extracomment>
        <translation>显示的步 / 已计算的步数</translation>
    </message>
    <message>
        <source>Prefill processes the whole prompt; each decode step processes one token</source>
        <translation>预填充处理整个提示词；每个解码步处理一个词元</translation>
    </message>
    <message>
        <source>Tokens processed so far (prompt + generated)</source>
        <translation>已处理的词元数（提示词 + 生成）</translation>
    </message>
    <message>
        <source>KV cache bytes used / allocated for the context length</source>
        <translation>键值缓存已用字节 / 按上下文长度分配的字节</translation>
    </message>
    <message>
        <source>Live check: the cached and uncached runs give the same logits for the new token, and the rows named, recomputed by the uncached run, equal the rows stored when they were first computed. Each step compares the rows the step before made and a block of older rows in turn, so every row is compared</source>
        <translation>实时核对：使用缓存和不使用缓存的两次运行对新词元给出相同的 logits；不使用缓存的运行重新计算的所列各行，与它们首次计算时存下的行相等。每一步比较上一步产生的行，并轮流比较一块较早的行，因此每一行都会被比较到</translation>
    </message>
    <message>
        <source>step {step} / {last}</source>
        <translation>第 {step} / {last} 步</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步</translation>
    </message>
    <message>
        <source> steps/s</source>
        <translation> 步/秒</translation>
    </message>
    <message>
        <source>Playing speed</source>
        <translation>播放速度</translation>
    </message>
    <message>
        <source>Scrub through the steps computed so far</source>
        <translation>拖动浏览已计算的各步</translation>
    </message>
    <message>
        <source>Layer shown in the attention panels</source>
        <translation>注意力面板中显示的层</translation>
    </message>
    <message>
        <source>Query head shown in the attention panels</source>
        <translation>注意力面板中显示的查询头</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>头</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
</context>
<context>
    <name>HeadSharingView</name>
    <message>
        <source>{sharing} · head {head} reads K/V {kv}</source>
        <extracomment>One colour per K/V group (cycling past seven groups; neighbours always differ). Width of a head&apos;s box the strip asks for. Narrowest a head&apos;s box is drawn; narrower than that, the strip is clipped at the right. Boxes narrower than this carry no number.</extracomment>
        <translation>{sharing} · 头 {head} 读取 K/V {kv}</translation>
    </message>
    <message>
        <source>{caption}.
Query heads grouped under the K/V head they read; the framed one is shown in the attention panels and its K/V rows are outlined in the cache. Click a head to show it.</source>
        <translation>{caption}。
查询头按所读取的键值头分组；带框的那个头显示在注意力面板中，它的 K/V 行在缓存中以边框标出。点击一个头即可显示它。</translation>
    </message>
</context>
<context>
    <name>HelpPanel</name>
    <message>
        <source>A tiny transformer decoder</source>
        <extracomment>The link in the eviction paragraph that asks for the eviction probe. Who writes the text before a model is named (and when the tiny decoder runs); translated when shown.</extracomment>
        <translation>一个微型 Transformer 解码器</translation>
    </message>
    <message>
        <source>{layers} layers, {heads} query heads, {kv_heads} K/V heads</source>
        <translation>{layers} 层，{heads} 个查询头，{kv_heads} 个键值头</translation>
    </message>
    <message>
        <source>{tiny} ({shape}; {weights} weights)</source>
        <translation>{tiny}（{shape}；{weights}权重）</translation>
    </message>
    <message>
        <source>A real {family} model, {weights} ({shape}; run by its own transformers classes)</source>
        <translation>一个真实的 {family} 模型，{weights}（{shape}；由它自己的 transformers 类运行）</translation>
    </message>
    <message>
        <source>This run computes each step &lt;b&gt;with a KV cache&lt;/b&gt; (right) only: the pass &lt;b&gt;without one&lt;/b&gt; (left) is {reason}. The left matrix shows which cells it would recompute; nothing is measured or checked against it, and the status bar says so.</source>
        <translation>本次运行每一步只计算&lt;b&gt;使用键值缓存（KV cache）&lt;/b&gt;的一遍（右）；&lt;b&gt;不使用缓存&lt;/b&gt;的一遍（左）没有运行：{reason}。左边的矩阵只标出它本来会重新计算哪些单元格，并没有对它做任何测量或核对，状态栏也会这样说明。</translation>
    </message>
    <message>
        <source>Every step is run twice: &lt;b&gt;without a KV cache&lt;/b&gt; (left) and &lt;b&gt;with one&lt;/b&gt; (right). With the cache in the model&apos;s own dtype both compute the same function: their logits agree up to floating-point rounding, and so, unless two tokens nearly tie, do the tokens they choose. The status bar says what it measured at each step: &lt;i&gt;equal&lt;/i&gt; (bit for bit), &lt;i&gt;equal within rounding&lt;/i&gt;, or how far they differ.</source>
        <translation>每一步都运行两遍：&lt;b&gt;不使用键值缓存（KV cache）&lt;/b&gt;（左）和&lt;b&gt;使用缓存&lt;/b&gt;（右）。当缓存采用模型自身的数据类型（dtype）时，两者计算的是同一个函数：它们的 logits 在浮点舍入误差范围内一致；因此，除非有两个词元的概率几乎相同，它们选出的词元也相同。状态栏会给出每一步的实测结果：&lt;i&gt;相等&lt;/i&gt;（逐位相同）、&lt;i&gt;在舍入误差内相等&lt;/i&gt;，或者相差多少。</translation>
    </message>
    <message>
        <source>recomputed</source>
        <translation>重新计算</translation>
    </message>
    <message>
        <source>computed this step</source>
        <translation>本步计算</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>read from the cache</source>
        <translation>从缓存读取</translation>
    </message>
    <message>
        <source>outside the window</source>
        <translation>位于窗口之外</translation>
    </message>
    <message>
        <source>evicted from the cache</source>
        <translation>已从缓存中驱逐</translation>
    </message>
    <message>
        <source>What am I looking at?</source>
        <translation>我在看什么？</translation>
    </message>
    <message>
        <source>{model} writes text one token at a time. {twice} The difference that matters is how much work each does. Press &lt;b&gt;Space&lt;/b&gt; to take a step.</source>
        <translation>{model}每次生成一个词元（token），逐步写出文本。{twice}真正要紧的区别在于两者各做了多少计算。按&lt;b&gt;空格键&lt;/b&gt;前进一步。</translation>
    </message>
    <message>
        <source>Prefill, then decode</source>
        <translation>先预填充，再解码</translation>
    </message>
    <message>
        <source>&lt;b&gt;Prefill&lt;/b&gt; (step 0) runs the whole prompt at once. Each &lt;b&gt;decode&lt;/b&gt; step then processes one new token &amp;mdash; the one the previous step generated &amp;mdash; and generates the next. The token strip at the top shows the prompt, the generated tokens, and the token processed this step.</source>
        <translation>&lt;b&gt;预填充&lt;/b&gt;（prefill，第 0 步）一次性处理整个提示词（prompt）。此后每个&lt;b&gt;解码&lt;/b&gt;（decode）步只处理一个新词元——也就是上一步生成的那个——并生成下一个。顶部的词元条依次显示提示词、已生成的词元，并标出本步处理的词元。</translation>
    </message>
    <message>
        <source>Q·Kᵀ: the attention scores</source>
        <translation>Q·Kᵀ：注意力分数（attention scores）</translation>
    </message>
    <message>
        <source>Each token becomes a query (a row) and a key (a column). A cell is the scaled dot product of one query with one key; softmax turns a row of scores into weights that mix the values V. Brighter cells have higher scores. Hover over a cell for its numbers.</source>
        <translation>每个词元既是一个查询（query，对应一行），也是一个键（key，对应一列）。每个单元格是一个查询与一个键的缩放点积；softmax 把一行分数变成权重，再用这些权重对值（value）V 加权求和。单元格越亮，分数越高。把鼠标悬停在单元格上可以看到它的具体数值。</translation>
    </message>
    <message>
        <source>The causal mask</source>
        <translation>因果掩码（causal mask）</translation>
    </message>
    <message>
        <source>A token may only look at itself and earlier tokens, so everything above the diagonal is masked (hatched). That is why a row, once computed, never changes: later tokens add rows below and columns to the right, but never alter an earlier row.</source>
        <translation>一个词元只能看到它自己和它之前的词元，所以对角线以上的部分全部被掩码（画斜线）。正因如此，一行一旦算出就不会再变：后来的词元只会在下方添加新行、在右侧添加新列，但绝不会改动已有的行。</translation>
    </message>
    <message>
        <source>Without a cache</source>
        <translation>不使用缓存</translation>
    </message>
    <message>
        <source>Every step feeds the whole sequence again: all earlier rows are {recomputed} and give the numbers they gave before, up to floating-point rounding (the sums may run in another order; the status bar shows the largest difference), and every earlier key and value is projected again. Only the last row is new: {computed}.</source>
        <translation>每一步都把整个序列重新输入一遍：之前所有的行都被{recomputed}，得到的数与之前相同，至多相差浮点舍入误差（求和的顺序可能不同；状态栏显示最大差值）；之前每个词元的键和值也都要重新投影一遍。只有最后一行是新的：{computed}。</translation>
    </message>
    <message>
        <source>With a KV cache</source>
        <translation>使用键值缓存（KV cache）</translation>
    </message>
    <message>
        <source>The model keeps each token&apos;s &lt;b&gt;keys and values&lt;/b&gt; (K and V) from earlier steps. A decode step computes Q, K and V for the new token only, appends its K and V to the cache, and computes one new row against all cached keys. The earlier rows are {skipped}: they are not needed again. The strip under each matrix marks which K/V were {from_cache} and which were {kv_computed}.</source>
        <translation>模型把之前各步中每个词元的&lt;b&gt;键和值&lt;/b&gt;（K 和 V）保存下来。一个解码步只为新词元计算 Q、K 和 V，把它的 K 和 V 追加到缓存中，再用它与所有缓存的键算出新的一行。之前的行被{skipped}：不再需要它们。每个矩阵下方的条带标出哪些 K/V 是{from_cache}的，哪些是{kv_computed}的。</translation>
    </message>
    <message>
        <source>The cache stores K and V &amp;mdash; &lt;i&gt;not&lt;/i&gt; attention scores or weights &amp;mdash; and it lives in ordinary main memory (the GPU&apos;s or the CPU&apos;s), not in registers. Its size grows by one column per token: &lt;b&gt;2 × batch × tokens × layers × kv_heads × head_dim × bytes per element&lt;/b&gt;. The KV cache panel shows that formula with this step&apos;s numbers and each layer&apos;s K and V buffers filling up.</source>
        <translation>缓存存的是 K 和 V——&lt;i&gt;不是&lt;/i&gt;注意力分数，也不是注意力权重——它放在普通的主存里（GPU 显存或 CPU 内存），而不在寄存器里。每多一个词元，它就增长一列：&lt;b&gt;2 × 批大小 × 词元数 × 层数 × kv_heads × head_dim × 每个元素的字节数&lt;/b&gt;。键值缓存面板用本步的数字展示这个公式，并显示每一层的 K、V 缓冲区逐渐被填满。</translation>
    </message>
    <message>
        <source>MHA, GQA, MQA</source>
        <translation>多头注意力（MHA）、分组查询注意力（GQA）、多查询注意力（MQA）</translation>
    </message>
    <message>
        <source>With fewer K/V heads than query heads (GQA; MQA has one), several query heads share one K/V head, and the cache shrinks by the same factor. Change &lt;i&gt;kv-heads&lt;/i&gt; in the Model panel and watch the formula.</source>
        <translation>当键值头（K/V head）比查询头少时（GQA；MQA 只有一个键值头），多个查询头共享同一个键值头，缓存也按同样的倍数缩小。在“模型”面板中修改 &lt;i&gt;kv-heads&lt;/i&gt;，看看公式怎样变化。</translation>
    </message>
    <message>
        <source>When the context is full: cache policies</source>
        <translation>上下文满了怎么办：缓存策略</translation>
    </message>
    <message>
        <source>With the &lt;b&gt;full cache&lt;/b&gt; every key stays, so generation stops when all context positions hold tokens. A &lt;b&gt;sliding window&lt;/b&gt; keeps only the last W keys: older ones are {outside} &amp;mdash; their K and V are evicted from every layer&apos;s cache, and the run without a cache masks them the same way, so no later query attends to them again &amp;mdash; and the cache stops growing at W slots, so generation slides on past the context length. &lt;b&gt;Sinks + window&lt;/b&gt; also keeps the first S tokens (attention sinks), which models lean on heavily. The K/V strip marks keys {evicted}; the KV cache panel shows the slots plateau.</source>
        <translation>使用&lt;b&gt;完整缓存&lt;/b&gt;时，每个键都会保留，因此当所有上下文位置都放满词元时，生成就停止。&lt;b&gt;滑动窗口&lt;/b&gt;（sliding window）只保留最近的 W 个键：更早的键{outside}——它们的 K 和 V 从每一层的缓存中被驱逐（eviction），不使用缓存的那次运行也以同样的方式把它们掩码，所以之后不会再有查询关注它们——缓存增长到 W 个槽位后就不再增长，生成可以越过上下文长度继续下去。&lt;b&gt;汇聚 + 窗口&lt;/b&gt;（sinks + window）还会保留最前面的 S 个词元（注意力汇聚，attention sink），模型非常依赖它们。K/V 条带会标出{evicted}的键；键值缓存面板会显示槽位数到顶后保持不变。</translation>
    </message>
    <message>
        <source>Eviction removes a token&apos;s K and V, not what was read from them. With two or more layers, tokens that attended to it while it was still in the window carry that in their hidden states, and their own K and V pass it on, so an evicted token can still change the output; with one layer nothing of it is left. &lt;a href=&quot;{probe_link}&quot;&gt;Measure it on the step shown&lt;/a&gt;: the evicted tokens are altered and the model runs again.</source>
        <translation>驱逐删掉的是一个词元的 K 和 V，而不是已经从中读出的信息。模型有两层或更多层时，那些在该词元还在窗口内时关注过它的词元，会把读到的信息带在自己的隐藏状态里，并通过它们自己的 K 和 V 继续传下去，所以被驱逐的词元仍可能影响输出；只有一层时，它就什么也不会留下。&lt;a href=&quot;{probe_link}&quot;&gt;在当前这一步上测一测&lt;/a&gt;：改掉被驱逐的词元，再把模型运行一遍。</translation>
    </message>
    <message>
        <source>Quantized caches</source>
        <translation>量化（quantized）缓存</translation>
    </message>
    <message>
        <source>An int8, int4 or fp8 cache stores K and V in fewer bits plus one float16 scale per token and head: the formula counts those scales. The run without a cache stays in full precision, so the status bar&apos;s max |&amp;Delta;| is the quantization error (never called rounding), and it says at which step the two runs first chose different tokens.</source>
        <translation>int8、int4 或 fp8 缓存用更少的比特存储 K 和 V，另外每个词元、每个头再存一个 float16 缩放因子：公式也把这些缩放因子算在内。不使用缓存的那次运行保持全精度，所以状态栏中的 max |&amp;Delta;| 就是量化误差（绝不称作舍入误差），状态栏还会指出两次运行从哪一步开始选出了不同的词元。</translation>
    </message>
    <message>
        <source>Paged cache</source>
        <translation>分页（paged）缓存</translation>
    </message>
    <message>
        <source>A contiguous cache reserves the whole context for every sequence. A paged cache (vLLM&apos;s PagedAttention) hands out fixed-size blocks as sequences grow; a block table maps positions to blocks, and at most the tail of each sequence&apos;s last block is wasted. The Paged cache panel fills a real paged store for a batch of lengths.</source>
        <translation>连续缓存为每个序列预留整个上下文的空间。分页缓存（vLLM 的 PagedAttention）则随着序列增长，按需分配固定大小的块（block）；块表把位置映射到块，每个序列最多只浪费最后一个块的尾部。“分页缓存”面板会为一批不同长度的序列填充一个真实的分页存储。</translation>
    </message>
    <message>
        <source>Plots</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>FLOPs per step grow with the sequence without a cache: every token passes through every projection and the MLP again, and attention covers all n × n cells. With a cache a decode step runs one token, so the projections, MLP and LM head cost the same every step, but attention still reads every cached key: its part (Q·Kᵀ and A·V) grows in proportion to the keys it reads (n, or up to the window with an evicting policy), and the plot of a cached step shows it, with its share at the step shown. The cumulative totals show what a whole run costs. Cache bytes grow linearly up to what was allocated for the context length. Wall time is measured; on a tiny model it is noisy. Click a plot to go to a step.</source>
        <translation>不使用缓存时，每步的 FLOPs 随序列变长而增长：每个词元都要再次经过所有投影和 MLP，注意力也要覆盖全部 n × n 个单元格。使用缓存时，一个解码步只处理一个词元，因此投影、MLP 和 LM head 每步的开销都一样，但注意力仍要读取每一个缓存的键：它的那部分（Q·Kᵀ 和 A·V）与读取的键数成正比增长（为 n；在会驱逐的策略下至多为窗口大小）。“使用缓存时每步 FLOPs”图画出了这一点，并标出当前步中注意力所占的比例。累计总量表示整次运行的开销。缓存字节数线性增长，直到达到为上下文长度分配的大小。墙钟时间是实测的；在微型模型上噪声较大。点击图表即可跳到那一步。</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>&lt;b&gt;Space&lt;/b&gt; or &lt;b&gt;→&lt;/b&gt; step · &lt;b&gt;←&lt;/b&gt; step back · &lt;b&gt;P&lt;/b&gt; play/pause · &lt;b&gt;Home&lt;/b&gt; first step · &lt;b&gt;End&lt;/b&gt; run to the end · &lt;b&gt;Ctrl+R&lt;/b&gt; reset · &lt;b&gt;F&lt;/b&gt; fit the matrices · mouse wheel zooms, drag pans.</source>
        <translation>&lt;b&gt;空格&lt;/b&gt;或 &lt;b&gt;→&lt;/b&gt; 前进一步 · &lt;b&gt;←&lt;/b&gt; 后退一步 · &lt;b&gt;P&lt;/b&gt; 播放/暂停 · &lt;b&gt;Home&lt;/b&gt; 第一步 · &lt;b&gt;End&lt;/b&gt; 运行到结尾 · &lt;b&gt;Ctrl+R&lt;/b&gt; 重置 · &lt;b&gt;F&lt;/b&gt; 让矩阵适配窗口 · 滚轮缩放，拖动平移。</translation>
    </message>
</context>
<context>
    <name>KVRowsHighlight</name>
    <message>
        <source>K/V rows the selected head reads</source>
        <translation>所选头读取的 K/V 行</translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <source>computed this step</source>
        <translation>本步计算</translation>
    </message>
    <message>
        <source>A new query row: its scores were computed in this step.</source>
        <translation>新的查询行：它的分数是在本步计算的。</translation>
    </message>
    <message>
        <source>recomputed</source>
        <translation>重新计算</translation>
    </message>
    <message>
        <source>Redundant work: without a cache, every earlier row is computed again and gives the same scores, up to rounding.</source>
        <translation>冗余的计算：不使用缓存时，之前的每一行都要再算一遍，得到的分数相同（至多相差舍入误差）。</translation>
    </message>
    <message>
        <source>skipped (cached)</source>
        <translation>跳过（有缓存）</translation>
    </message>
    <message>
        <source>Skipped thanks to the cache: earlier rows are not computed again; only the new row is.</source>
        <translation>多亏了缓存而跳过：之前的行不再重新计算，只计算新的一行。</translation>
    </message>
    <message>
        <source>masked (causal)</source>
        <translation>已掩码（因果）</translation>
    </message>
    <message>
        <source>Keys after the query: hidden by the causal mask.</source>
        <translation>位于查询之后的键：被因果掩码遮住。</translation>
    </message>
    <message>
        <source>outside the window</source>
        <translation>窗口之外</translation>
    </message>
    <message>
        <source>Keys before the query but outside the policy&apos;s window: their K and V are evicted from the cache (with cache) and masked the same way in the reference run (without cache), so no later query attends to them. What earlier tokens read from them stays in their hidden states.</source>
        <translation>位于查询之前、但在策略窗口之外的键：它们的 K 和 V 已从缓存中驱逐（使用缓存），在参照运行（不使用缓存）中也以同样方式被掩码，因此之后的查询都不会再关注它们。较早的词元从它们那里读到的信息仍保留在各自的隐藏状态中。</translation>
    </message>
    <message>
        <source>K/V computed now</source>
        <translation>本步计算的 K/V</translation>
    </message>
    <message>
        <source>Key and value projected from the token now.</source>
        <translation>本步由该词元投影得到的键和值。</translation>
    </message>
    <message>
        <source>K/V read from cache</source>
        <translation>从缓存读取的 K/V</translation>
    </message>
    <message>
        <source>Key and value stored at an earlier step, read back.</source>
        <translation>在之前某一步存入、现在读回的键和值。</translation>
    </message>
    <message>
        <source>evicted from cache</source>
        <translation>已从缓存驱逐</translation>
    </message>
    <message>
        <source>The policy dropped this key&apos;s K and V from the cache; its slot now holds a newer token.</source>
        <translation>策略已把这个键的 K 和 V 从缓存中丢弃；它的槽位现在存放着更新的词元。</translation>
    </message>
    <message>
        <source>Q·Kᵀ cells</source>
        <translation>Q·Kᵀ 单元格</translation>
    </message>
    <message>
        <source>K/V per key</source>
        <translation>每个键的 K/V</translation>
    </message>
    <message>
        <source>dark → light: low → high score</source>
        <translation>由暗到亮：分数由低到高</translation>
    </message>
    <message>
        <source>Each cell&apos;s colour runs from dark (low score) to light (high score) along its status hue.</source>
        <translation>每个单元格的颜色沿其状态色调由暗（分数低）到亮（分数高）变化。</translation>
    </message>
</context>
<context>
    <name>MemoryFormula</name>
    <message>
        <source>tokens in cache</source>
        <extracomment>Bytes per element of each quantized cache type, as a fraction (int4 packs two values in a byte). Bytes of the float16 scale stored per token and K/V head in a quantized cache.</extracomment>
        <translation>缓存中的词元</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>K and V</source>
        <translation>键和值</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>{dim}·{per_element} B + {scale} B scale</source>
        <translation>{dim}·{per_element} B + {scale} B 缩放因子</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>字节</translation>
    </message>
</context>
<context>
    <name>MemoryPanel</name>
    <message>
        <source>tiny — this app&apos;s model ({attention}, {dtype})</source>
        <translation>本应用的微型模型（{attention}，{dtype}）</translation>
    </message>
    <message>
        <source>Cannot use {path}: {error}</source>
        <translation>无法使用 {path}：{error}</translation>
    </message>
    <message>
        <source>Load config.json</source>
        <translation>载入 config.json</translation>
    </message>
    <message>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON（*.json）;;所有文件（*）</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Cache</source>
        <translation>缓存</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>Load config.json…</source>
        <translation>载入 config.json…</translation>
    </message>
    <message>
        <source>Read a Hugging Face config.json (plain JSON) and show its cache</source>
        <translation>读取一个 Hugging Face 的 config.json（纯 JSON），并显示它的缓存</translation>
    </message>
    <message>
        <source>Tokens per sequence</source>
        <translation>每个序列的词元数</translation>
    </message>
    <message>
        <source>Sequences held in the cache at once</source>
        <translation>缓存中同时保存的序列数</translation>
    </message>
    <message>
        <source>Element type of the weights; a model starts at its config&apos;s torch_dtype</source>
        <translation>权重的元素类型；模型初始取其配置中的 torch_dtype</translation>
    </message>
    <message>
        <source>as weights</source>
        <translation>同权重</translation>
    </message>
    <message>
        <source>Element type of the KV cache (quantized types add a float16 scale per vector)</source>
        <translation>键值缓存的元素类型（量化类型为每个向量另加一个 float16 缩放因子）</translation>
    </message>
    <message>
        <source>GPU memory as nvidia-smi reports it</source>
        <translation>nvidia-smi 报告的 GPU 显存</translation>
    </message>
    <message>
        <source>Cache size</source>
        <translation>缓存大小</translation>
    </message>
    <message>
        <source>Cache bytes against context: attention variants and cache dtypes</source>
        <translation>缓存字节数随上下文的变化：各种注意力变体与缓存数据类型</translation>
    </message>
    <message>
        <source>Serving</source>
        <translation>部署</translation>
    </message>
    <message>
        <source>How many sequences fit on GPUs, with tensor and pipeline parallelism</source>
        <translation>在张量并行和流水线并行下，GPU 上能容纳多少个序列</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Pinned configurations as bars at the chosen context, on a linear axis</source>
        <translation>在所选上下文长度下，以线性坐标轴上的条形显示已固定的配置</translation>
    </message>
</context>
<context>
    <name>ModelControls</name>
    <message>
        <source>Full cache</source>
        <extracomment>Cache policy kinds as the selector names them.</extracomment>
        <translation>完整缓存</translation>
    </message>
    <message>
        <source>Sliding window</source>
        <translation>滑动窗口</translation>
    </message>
    <message>
        <source>Sinks + window</source>
        <translation>汇聚（sink）+ 窗口</translation>
    </message>
    <message>
        <source>model dtype</source>
        <extracomment>Cache storage types as the selector names them.</extracomment>
        <translation>模型数据类型</translation>
    </message>
    <message>
        <source>int8 + scales</source>
        <translation>int8 + 缩放因子</translation>
    </message>
    <message>
        <source>int4 + scales</source>
        <translation>int4 + 缩放因子</translation>
    </message>
    <message>
        <source>fp8 + scales</source>
        <translation>fp8 + 缩放因子</translation>
    </message>
    <message>
        <source>Trained (default)</source>
        <extracomment>Entry of the weights selector that opens a file dialog instead of choosing weights. The weights selector&apos;s fixed entries.</extracomment>
        <translation>训练好的（默认）</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Load checkpoint…</source>
        <translation>加载检查点…</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Max new tokens</source>
        <translation>最多新词元</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>头数</translation>
    </message>
    <message>
        <source>KV heads</source>
        <translation>键值头数</translation>
    </message>
    <message>
        <source>dtype</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>上下文长度</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Cache policy</source>
        <translation>缓存策略</translation>
    </message>
    <message>
        <source>Window W</source>
        <translation>窗口 W</translation>
    </message>
    <message>
        <source>Sinks S</source>
        <translation>汇聚 S</translation>
    </message>
    <message>
        <source>Cache dtype</source>
        <translation>缓存数据类型</translation>
    </message>
    <message>
        <source>Text to prefill. Each byte is one token.</source>
        <translation>要预填充的文本。每个字节是一个词元。</translation>
    </message>
    <message>
        <source>Tokens to generate, counting the one the prefill generates; 0 runs until the context is full.</source>
        <translation>要生成的词元数，包括预填充生成的那一个；0 表示一直运行到上下文填满。</translation>
    </message>
    <message>
        <source>Decoder layers. Each has its own K and V cache.</source>
        <translation>解码器层数。每层有自己的键缓存和值缓存。</translation>
    </message>
    <message>
        <source>Query heads per layer.</source>
        <translation>每层的查询头数。</translation>
    </message>
    <message>
        <source>K/V heads per layer: equal to heads is MHA, 1 is MQA, in between is GQA. Must divide heads.</source>
        <translation>每层的键值头数：等于头数即多头注意力（MHA），为 1 即多查询注意力（MQA），介于两者之间即分组查询注意力（GQA）。必须能整除头数。</translation>
    </message>
    <message>
        <source>Width of the residual stream.</source>
        <translation>残差流的宽度。</translation>
    </message>
    <message>
        <source>Width of one head; &apos;auto&apos; uses d_model / heads. Must be even (rotary embeddings).</source>
        <translation>每个头的宽度；“自动”表示 d_model / 头数。必须是偶数（旋转位置编码）。</translation>
    </message>
    <message>
        <source>Element type of weights and cache: float32 takes 4 bytes, float16 and bfloat16 take 2.</source>
        <translation>权重和缓存的元素类型：float32 占 4 字节，float16 和 bfloat16 占 2 字节。</translation>
    </message>
    <message>
        <source>Sequences run together. The views show sequence 0; the cache holds all of them.</source>
        <translation>一起运行的序列数。视图显示第 0 个序列；缓存保存所有序列。</translation>
    </message>
    <message>
        <source>Positions the cache is allocated for; generation stops when they are full.</source>
        <translation>缓存分配的位置数；位置用满时停止生成。</translation>
    </message>
    <message>
        <source>Seed of the random weights (and of sampling).</source>
        <translation>随机权重（以及采样）的随机种子。</translation>
    </message>
    <message>
        <source>Trained: the shipped model of the chosen shape ({shapes}, d_model 128, 4 heads); other shapes run random weights. Random: seeded initialisation, any shape. Or a checkpoint saved by `kvviz train`, which fixes the layers, heads and widths.</source>
        <translation>训练好的：随附的所选形状的模型（{shapes}，d_model 128，4 个头）；其他形状使用随机权重。随机：按随机种子初始化，任意形状。也可以选择由 `kvviz train` 保存的检查点，它会固定层数、头数和宽度。</translation>
    </message>
    <message>
        <source>Which keys the cache keeps. Full: every key, until the context is full. Sliding window: the last W keys. Sinks + window: the first S keys and the last W. The run without a cache is masked the same way, so both still compute the same thing.</source>
        <translation>缓存保留哪些键。完整：保留所有键，直到上下文填满。滑动窗口：最后 W 个键。汇聚 + 窗口：最前面 S 个键和最后 W 个键。不使用缓存的运行按同样方式掩码，因此两者计算的仍是同一件事。</translation>
    </message>
    <message>
        <source>W: keys kept counting back from the query, its own included.</source>
        <translation>W：从查询往回数保留的键数，包括查询自身。</translation>
    </message>
    <message>
        <source>S: first keys kept for good as attention sinks (StreamingLLM).</source>
        <translation>S：作为注意力汇聚（sink）永久保留的最前面的键数（StreamingLLM）。</translation>
    </message>
    <message>
        <source>How the cache stores K and V: in the model&apos;s dtype, or quantized with one float16 scale per token and head. The run without a cache stays in full precision: the difference is the quantization error.</source>
        <translation>缓存如何存储键和值：使用模型的数据类型，或量化存储，每个词元每个头一个 float16 缩放因子。不使用缓存的运行保持全精度：两者之差就是量化误差。</translation>
    </message>
    <message>
        <source>Fixed by the {label} weights; choose Random weights to change it.</source>
        <extracomment>Why a shape control is locked while saved weights are chosen.</extracomment>
        <translation>由 {label} 权重固定；选择“随机”权重才能修改。</translation>
    </message>
    <message>
        <source>trained</source>
        <extracomment>Shape controls that saved weights fix (the rest of SHAPE_FIELDS has no control).</extracomment>
        <translation>训练好的</translation>
    </message>
    <message>
        <source>random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>shape fixed by the file: {shape}</source>
        <translation>形状由文件固定：{shape}</translation>
    </message>
    <message>
        <source>trained model {name}: {label}</source>
        <translation>训练好的模型 {name}：{label}</translation>
    </message>
    <message>
        <source>until the context is full</source>
        <translation>直到上下文填满</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Rebuild the model with these settings and start again from the prefill.</source>
        <translation>按这些设置重建模型，并从预填充重新开始。</translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>Fill in the default model and prompt (press Apply to use them).</source>
        <translation>填入默认模型和提示词（按“应用”后生效）。</translation>
    </message>
    <message>
        <source>Load checkpoint</source>
        <translation>加载检查点</translation>
    </message>
    <message>
        <source>kvviz checkpoints (*.pt);;All files (*)</source>
        <translation>kvviz 检查点 (*.pt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>{n} tokens ({counted})</source>
        <translation>{n} 个词元（{counted}）</translation>
    </message>
    <message>
        <source>{model}&apos;s tokenizer</source>
        <translation>{model} 的分词器</translation>
    </message>
    <message>
        <source>one per byte</source>
        <translation>每字节一个</translation>
    </message>
    <message>
        <source>{layers} layers, {heads} heads, {kv_heads} kv-heads, d_model {d_model}</source>
        <translation>{layers} 层，{heads} 个头，{kv_heads} 个键值头，d_model {d_model}</translation>
    </message>
    <message>
        <source>MHA: one K/V head per query head</source>
        <translation>多头注意力（MHA）：每个查询头一个键值头</translation>
    </message>
    <message>
        <source>MQA: all {n} query heads share one K/V head</source>
        <translation>多查询注意力（MQA）：全部 {n} 个查询头共享一个键值头</translation>
    </message>
    <message>
        <source>GQA: {n} query heads share each K/V head</source>
        <translation>分组查询注意力（GQA）：每 {n} 个查询头共享一个键值头</translation>
    </message>
</context>
<context>
    <name>PagedCacheView</name>
    <message>
        <source>enter at least one sequence length, e.g. 40, 30, 20</source>
        <extracomment>Most sequences the view draws; more would not leave a readable row each. Typing and stepping settle for this long before the store is rebuilt. Closest block edges are drawn, in pixels; closer ones are drawn every k-th block (k a power of two).</extracomment>
        <translation>请至少输入一个序列长度，例如 40, 30, 20</translation>
    </message>
    <message>
        <source>at most {n} sequences</source>
        <translation>最多 {n} 个序列</translation>
    </message>
    <message>
        <source>whole numbers of tokens only, got {text}</source>
        <translation>只能输入整数个词元，收到的是 {text}</translation>
    </message>
    <message>
        <source>seq {sequence} · {tokens} tok</source>
        <translation>序列 {sequence} · {tokens} 词元</translation>
    </message>
    <message>
        <source>block edges: 1 in {stride} drawn</source>
        <translation>块边界：每 {stride} 条画 1 条</translation>
    </message>
    <message>
        <source>Sequences (tokens)</source>
        <translation>序列（词元数）</translation>
    </message>
    <message>
        <source>Block size</source>
        <translation>块大小</translation>
    </message>
    <message>
        <source>Tokens in each sequence of the batch, separated by commas</source>
        <translation>批中每个序列的词元数，用逗号分隔</translation>
    </message>
    <message>
        <source>e.g. 40, 30, 20, 10</source>
        <translation>例如 40, 30, 20, 10</translation>
    </message>
    <message>
        <source>follow the run</source>
        <translation>跟随运行</translation>
    </message>
    <message>
        <source>Use n, 3n/4, n/2 and n/4 tokens, n being the current step&apos;s token count</source>
        <translation>使用 n、3n/4、n/2 和 n/4 个词元，n 为当前步的词元数</translation>
    </message>
    <message>
        <source>{n} tokens</source>
        <translation>{n} 个词元</translation>
    </message>
    <message>
        <source>Tokens per block: smaller blocks waste less, but need longer block tables</source>
        <translation>每个块的词元数：块越小浪费越少，但块表越长</translation>
    </message>
    <message>
        <source>tokens stored</source>
        <translation>已存储的词元</translation>
    </message>
    <message>
        <source>reserved in a block, unused</source>
        <translation>块中已预留但未使用</translation>
    </message>
    <message>
        <source>contiguous slot for the whole context</source>
        <translation>为整个上下文预留的连续槽位</translation>
    </message>
    <message>
        <source>numbers in blocks: physical block ids (block table)</source>
        <translation>块中的数字：物理块编号（块表）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Paged&lt;/b&gt; ({block}-token blocks): &lt;b&gt;{reserved}&lt;/b&gt; reserved for &lt;b&gt;{used}&lt;/b&gt; of tokens &lt;span style=&apos;color:{muted}&apos;&gt;({wasted} unused in last blocks, {share})&lt;/span&gt;&lt;br&gt;&lt;b&gt;Contiguous&lt;/b&gt;: &lt;b&gt;{contiguous}&lt;/b&gt; &lt;span style=&apos;color:{muted}&apos;&gt;({n} × {context} positions preallocated)&lt;/span&gt; — paging reserves {saving}× less</source>
        <translation>&lt;b&gt;分页&lt;/b&gt;（每块 {block} 个词元）：为 &lt;b&gt;{used}&lt;/b&gt; 的词元预留了 &lt;b&gt;{reserved}&lt;/b&gt; &lt;span style=&apos;color:{muted}&apos;&gt;（最后的块中有 {wasted} 未使用，占 {share}）&lt;/span&gt;&lt;br&gt;&lt;b&gt;连续&lt;/b&gt;：&lt;b&gt;{contiguous}&lt;/b&gt; &lt;span style=&apos;color:{muted}&apos;&gt;（预分配 {n} × {context} 个位置）&lt;/span&gt; — 分页预留的空间少 {saving}×</translation>
    </message>
</context>
<context>
    <name>PlotsPanel</name>
    <message>
        <source>attention (dashed) {share} at {keys} keys</source>
        <translation>注意力部分（虚线）占 {share}，读 {keys} 个键</translation>
    </message>
    <message>
        <source>FLOPs per step</source>
        <translation>每步 FLOPs</translation>
    </message>
    <message>
        <source>Cached step FLOPs</source>
        <translation>使用缓存时每步 FLOPs</translation>
    </message>
    <message>
        <source>Cumulative FLOPs</source>
        <translation>累计 FLOPs</translation>
    </message>
    <message>
        <source>KV cache bytes</source>
        <translation>键值缓存字节数</translation>
    </message>
    <message>
        <source>Wall time per step</source>
        <translation>每步墙钟时间</translation>
    </message>
    <message>
        <source>Each plot runs across the steps computed so far. Click a plot to show that step.</source>
        <translation>每张图都覆盖到目前为止算过的所有步。点击图表即可显示那一步。</translation>
    </message>
    <message>
        <source>Clear before</source>
        <translation>清除之前的运行</translation>
    </message>
    <message>
        <source>Forget the run before the last change of shape, dtype or cache setting</source>
        <translation>丢弃上一次改变形状、数据类型或缓存设置之前的那次运行</translation>
    </message>
    <message>
        <source>before: {label} (faded, dotted)</source>
        <translation>之前：{label}（淡色点线）</translation>
    </message>
    <message>
        <source>{share} saved</source>
        <translation>节省 {share}</translation>
    </message>
    <message>
        <source>without cache</source>
        <translation>不使用缓存</translation>
    </message>
    <message>
        <source>with cache</source>
        <translation>使用缓存</translation>
    </message>
    <message>
        <source>its attention part (Q·Kᵀ + A·V)</source>
        <translation>其中注意力部分（Q·Kᵀ + A·V）</translation>
    </message>
    <message>
        <source>cache used</source>
        <translation>已用缓存</translation>
    </message>
    <message>
        <source>allocated</source>
        <translation>已分配</translation>
    </message>
    <message>
        <source>step shown</source>
        <translation>当前步</translation>
    </message>
</context>
<context>
    <name>PresentationView</name>
    <message>
        <source>· layer {layer} · head {head}</source>
        <extracomment>Type in presentation mode at DESIGN_SIZE or less, as a multiple of the desktop&apos;s (the dark theme&apos;s) sizes. The projector the page is drawn for; a larger window scales the type up in proportion. Lines of token chips: the newest tokens, scrolled into view (the caption tells the rest).</extracomment>
        <translation>· 第 {layer} 层 · 头 {head}</translation>
    </message>
</context>
<context>
    <name>QualityChart</name>
    <message>
        <source>Quality vs memory</source>
        <translation>质量与内存</translation>
    </message>
    <message>
        <source>held-out bits/byte (lower is better) against cache bytes per token at {context} tokens</source>
        <translation>留出集每字节比特数（bits/byte，越低越好）与每词元缓存字节数的关系，上下文 {context} 个词元</translation>
    </message>
    <message>
        <source>Measuring held-out bits per byte… (rows appear as they are measured)</source>
        <translation>正在测量留出集每字节比特数…（测完一行显示一行）</translation>
    </message>
    <message>
        <source>Not measured: {error}</source>
        <translation>未测量：{error}</translation>
    </message>
    <message>
        <source>Held-out bits per byte of each trained model and cache setting: measured when first shown.</source>
        <translation>每个训练好的模型在每种缓存设置下的留出集每字节比特数：首次显示时测量。</translation>
    </message>
    <message>
        <source>Held-out text of the training data, {context} bytes of context; the same rows as `kvviz eval`.</source>
        <translation>使用训练数据的留出集文本，上下文 {context} 字节；与 `kvviz eval` 给出的行相同。</translation>
    </message>
    <message>
        <source>Ringed: this run ({model}, {cache}, {dtype}): {bits} bits/byte at {bytes} B/token.</source>
        <translation>圈出的是本次运行（{model}，{cache}，{dtype}）：{bits} bits/byte，每词元 {bytes} B。</translation>
    </message>
    <message>
        <source>A model folder&apos;s run is not measured here.</source>
        <translation>从模型文件夹加载的运行不在此测量。</translation>
    </message>
</context>
<context>
    <name>ServingView</name>
    <message>
        <source>Concurrent sequences</source>
        <extracomment>Rows of the plan&apos;s readout: key, title.</extracomment>
        <translation>并发序列数</translation>
    </message>
    <message>
        <source>With shared prefix</source>
        <translation>共享前缀时</translation>
    </message>
    <message>
        <source>GPUs</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>K/V heads per GPU</source>
        <translation>每个 GPU 的键值头</translation>
    </message>
    <message>
        <source>Layers per GPU</source>
        <translation>每个 GPU 的层数</translation>
    </message>
    <message>
        <source>Usable memory</source>
        <translation>可用显存</translation>
    </message>
    <message>
        <source>− weights</source>
        <translation>− 权重</translation>
    </message>
    <message>
        <source>− activations, runtime</source>
        <translation>− 激活值、运行时</translation>
    </message>
    <message>
        <source>= left for the cache</source>
        <translation>= 留给缓存</translation>
    </message>
    <message>
        <source>KV per token per GPU</source>
        <translation>每个 GPU 每词元的 KV</translation>
    </message>
    <message>
        <source>Cache holds</source>
        <translation>缓存可容纳</translation>
    </message>
    <message>
        <source>attention variants</source>
        <translation>注意力变体</translation>
    </message>
    <message>
        <source>cache dtypes</source>
        <translation>缓存数据类型</translation>
    </message>
    <message>
        <source>Cannot serve this way: {error}</source>
        <translation>无法这样部署：{error}</translation>
    </message>
    <message>
        <source>{n} of {context} tokens</source>
        <translation>{n} 个（每个 {context} 个词元）</translation>
    </message>
    <message>
        <source>{n} sequences (prefix of {prefix} tokens held once: saves {saving} per GPU)</source>
        <translation>{n} 个序列（{prefix} 个词元的前缀只存一份：每个 GPU 节省 {saving}）</translation>
    </message>
    <message>
        <source>weights do not fit</source>
        <translation>权重放不下</translation>
    </message>
    <message>
        <source>{n} × {gpu}, {mib} MiB each (nvidia-smi)</source>
        <translation>{n} × {gpu}，每块 {mib} MiB（nvidia-smi）</translation>
    </message>
    <message>
        <source>{bytes}  ({dtype}, this GPU&apos;s share)</source>
        <translation>{bytes}  （{dtype}，本 GPU 分得的部分）</translation>
    </message>
    <message>
        <source>{bytes}  (allowance, assumed)</source>
        <translation>{bytes}  （余量，假设值）</translation>
    </message>
    <message>
        <source>{blocks} blocks of {size} = {tokens} tokens</source>
        <translation>{blocks} 个块 × 每块 {size} = {tokens} 个词元</translation>
    </message>
    <message>
        <source>{context} tokens is beyond the model&apos;s trained context ({trained}).</source>
        <translation>{context} 个词元超出了模型训练时的上下文长度（{trained}）。</translation>
    </message>
    <message>
        <source>tp {tp}, pp {pp}, {dtype} cache</source>
        <translation>tp {tp}，pp {pp}，{dtype} 缓存</translation>
    </message>
    <message>
        <source>TP</source>
        <translation>TP</translation>
    </message>
    <message>
        <source>PP</source>
        <translation>PP</translation>
    </message>
    <message>
        <source>GPU use</source>
        <translation>显存占用比例</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>块</translation>
    </message>
    <message>
        <source>Allowance</source>
        <translation>余量</translation>
    </message>
    <message>
        <source>Shared prefix</source>
        <translation>共享前缀</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Tensor-parallel degree: GPUs that split every layer</source>
        <translation>张量并行度：共同切分每一层的 GPU 数</translation>
    </message>
    <message>
        <source>Pipeline-parallel degree: GPUs that each hold a run of layers</source>
        <translation>流水线并行度：各自持有一段连续层的 GPU 数</translation>
    </message>
    <message>
        <source>Fraction of each GPU&apos;s memory the engine may use (vLLM&apos;s gpu_memory_utilization)</source>
        <translation>推理引擎可使用的每个 GPU 显存比例（vLLM 的 gpu_memory_utilization）</translation>
    </message>
    <message>
        <source>Tokens per cache block</source>
        <translation>每个缓存块的词元数</translation>
    </message>
    <message>
        <source>Activations and runtime per GPU: an allowance, not a measurement</source>
        <translation>每个 GPU 上激活值和运行时的开销：估计的余量，不是实测值</translation>
    </message>
    <message>
        <source>Tokens of a prompt prefix every sequence shares (counted once)</source>
        <translation>所有序列共享的提示词前缀的词元数（只计一次）</translation>
    </message>
    <message>
        <source>Which alternatives the capacity plot draws beside this model</source>
        <translation>容量图在本模型旁边画出哪些备选方案</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Stopped at the context length: all {n} cache positions hold tokens and the full cache keeps every key, so there is no room for the next one. Choose a Sliding window or Sinks + window cache policy to keep generating: old keys are evicted and the cache stays the same size.</source>
        <translation>已在上下文长度处停止：缓存的全部 {n} 个位置都存有词元，而完整缓存保留所有键，因此没有空间给下一个词元。选择“滑动窗口”或“汇聚 + 窗口”缓存策略即可继续生成：旧的键会被驱逐，缓存大小保持不变。</translation>
    </message>
    <message>
        <source>could not build this model: {reason}</source>
        <translation>无法构建该模型：{reason}</translation>
    </message>
    <message>
        <source>full</source>
        <translation>完整</translation>
    </message>
    <message>
        <source>sliding window</source>
        <translation>滑动窗口</translation>
    </message>
    <message>
        <source>sinks + window</source>
        <translation>汇聚 + 窗口</translation>
    </message>
    <message>
        <source>Model rebuilt: {weights} weights, {kind}, {layers} layers, {heads} heads, {kv_heads} kv-heads; {cache} cache in {storage} storage</source>
        <translation>模型已重建：{weights}权重，{kind}，{layers} 层，{heads} 个头，{kv_heads} 个键值头；{cache}缓存，以 {storage} 存储</translation>
    </message>
    <message>
        <source>a model folder needs kvviz[hf] installed ({reason})</source>
        <translation>模型文件夹需要安装 kvviz[hf]（{reason}）</translation>
    </message>
    <message>
        <source>Open a Hugging Face model folder</source>
        <translation>打开 Hugging Face 模型文件夹</translation>
    </message>
    <message>
        <source>{title} · {weights} weights</source>
        <translation>{title} · {weights}权重</translation>
    </message>
    <message>
        <source>Computing step {step} …</source>
        <translation>正在计算第 {step} 步…</translation>
    </message>
    <message>
        <source>Running to the end: step {step} (P pauses)</source>
        <translation>正在运行到结尾：第 {step} 步（按 P 暂停）</translation>
    </message>
    <message>
        <source>Stopped: {reason} — a Sliding window or Sinks + window cache policy keeps generating</source>
        <translation>已停止：{reason}——选择“滑动窗口”或“汇聚 + 窗口”缓存策略可继续生成</translation>
    </message>
    <message>
        <source>Stopped: {reason}</source>
        <translation>已停止：{reason}</translation>
    </message>
    <message>
        <source>{n} layers</source>
        <translation>{n} 层</translation>
    </message>
    <message>
        <source>{n} heads</source>
        <translation>{n} 个头</translation>
    </message>
    <message>
        <source>{reason} — the previous model keeps running</source>
        <translation>{reason}——继续运行之前的模型</translation>
    </message>
</context>
<context>
    <name>ShapeChangeLine</name>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Forget the run before the change (the faded lines and this comparison)</source>
        <translation>丢弃改变之前的那次运行（淡色曲线和这项比较）</translation>
    </message>
    <message>
        <source>before ({label}): {before} B · now {after} B, both after {tokens} tokens</source>
        <translation>之前（{label}）：{before} B · 现在 {after} B，均为 {tokens} 个词元之后</translation>
    </message>
</context>
<context>
    <name>StatusFields</name>
    <message>
        <source>prefill</source>
        <translation>预填充</translation>
    </message>
    <message>
        <source>decode</source>
        <translation>解码</translation>
    </message>
    <message>
        <source>{n} tokens ({prompt} + {generated})</source>
        <translation>{n} 个词元（{prompt} + {generated}）</translation>
    </message>
    <message>
        <source>cache {used} / {allocated}</source>
        <translation>缓存 {used} / {allocated}</translation>
    </message>
</context>
<context>
    <name>TokenStrip</name>
    <message>
        <source>prompt token (processed in the prefill)</source>
        <translation>提示词词元（在预填充中处理）</translation>
    </message>
    <message>
        <source>generated token (processed in a decode step)</source>
        <translation>生成的词元（在解码步中处理）</translation>
    </message>
    <message>
        <source>generated this step; the next step processes it</source>
        <translation>本步生成；下一步处理它</translation>
    </message>
    <message>
        <source>{what}; processed this step</source>
        <translation>{what}；本步处理</translation>
    </message>
    <message>
        <source>position {position} · byte 0x{byte} ({label}) · {what}</source>
        <translation>位置 {position} · 字节 0x{byte}（{label}）· {what}</translation>
    </message>
    <message>
        <source>processed this step</source>
        <translation>本步处理</translation>
    </message>
    <message>
        <source>next token</source>
        <translation>下一个词元</translation>
    </message>
    <message>
        <source>prompt (prefill)</source>
        <translation>提示词（预填充）</translation>
    </message>
    <message>
        <source>generated (decode)</source>
        <translation>已生成（解码）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Tokens&lt;/b&gt; · {n} processed: {prompt} prompt + {generated} generated</source>
        <translation>&lt;b&gt;词元（token）&lt;/b&gt; · 已处理 {n} 个：提示词 {prompt} + 生成 {generated}</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>Model</source>
        <extracomment>Windows less tall than this put the data docks in the left column too (see Workspace._place_docks). Windows less tall than this show the legend and the hovered cell&apos;s description in one slot (the description over the legend while a cell is hovered): the matrices get the other slot&apos;s height. The least a dock&apos;s scrolled content is given, in pixels: it scrolls below this. Each dock&apos;s title, short enough for its tab among four in the left column of a 1280×720 window, and its name in the View menu where that is longer.</extracomment>
        <translation>模型</translation>
    </message>
    <message>
        <source>What am I looking at?</source>
        <translation>我在看什么？</translation>
    </message>
    <message>
        <source>KV cache</source>
        <translation>键值缓存</translation>
    </message>
    <message>
        <source>Plots</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Paged</source>
        <translation>分页</translation>
    </message>
    <message>
        <source>Paged cache</source>
        <translation>分页缓存</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Memory explorer</source>
        <translation>内存探索</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>Quality vs memory</source>
        <translation>质量与内存</translation>
    </message>
</context>
<context>
    <name>agreement</name>
    <message>
        <source>uncached pass not computed ({reason}): nothing recomputed, so cached logits and rows are not checked against it</source>
        <translation>未计算无缓存的一遍（{reason}）：没有重新计算，因此使用缓存的 logits 和行未与之核对</translation>
    </message>
    <message>
        <source>{dtype} cache vs full precision</source>
        <translation>{dtype} 缓存与全精度相比</translation>
    </message>
    <message>
        <source>cached vs uncached</source>
        <translation>使用缓存与不使用缓存相比</translation>
    </message>
    <message>
        <source>same tokens so far</source>
        <translation>迄今词元相同</translation>
    </message>
    <message>
        <source>tokens first differed at step {step}</source>
        <translation>词元在第 {step} 步首次不同</translation>
    </message>
    <message>
        <source>logits</source>
        <translation>logits</translation>
    </message>
    <message>
        <source>recomputed rows {rows}</source>
        <translation>重新计算的行 {rows}</translation>
    </message>
    <message>
        <source>logits and {rows}</source>
        <translation>logits 和{rows}</translation>
    </message>
    <message>
        <source>{title}: {tokens}; {checks}</source>
        <translation>{title}：{tokens}；{checks}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>{what} equal</source>
        <translation>{what} 相等</translation>
    </message>
    <message>
        <source>{first} and {second}</source>
        <translation>{first} 和 {second}</translation>
    </message>
    <message>
        <source>{what} equal within {dtype} rounding (max |Δ| {sizes})</source>
        <translation>{what} 在 {dtype} 舍入误差内相等（最大 |Δ| {sizes}）</translation>
    </message>
    <message>
        <source>{what} differ (max |Δ| {sizes})</source>
        <translation>{what} 不同（最大 |Δ| {sizes}）</translation>
    </message>
</context>
<context>
    <name>caption</name>
    <message>
        <source>{n} row</source>
        <translation>{n} 行</translation>
    </message>
    <message>
        <source>{n} rows</source>
        <translation>{n} 行</translation>
    </message>
    <message>
        <source>prefill</source>
        <translation>预填充</translation>
    </message>
    <message>
        <source>decode</source>
        <translation>解码</translation>
    </message>
    <message>
        <source>step {step}</source>
        <translation>第 {step} 步</translation>
    </message>
    <message>
        <source>without a cache {rows} computed ({flops})</source>
        <translation>不使用缓存：计算 {rows}（{flops}）</translation>
    </message>
    <message>
        <source>without a cache {rows} recomputed + {new} new ({flops})</source>
        <translation>不使用缓存：重新计算 {rows} + 新增 {new} 行（{flops}）</translation>
    </message>
    <message>
        <source>with a cache {rows} computed, K/V stored ({flops})</source>
        <translation>使用缓存：计算 {rows}，存入 K/V（{flops}）</translation>
    </message>
    <message>
        <source>with a cache {n} new row ({flops})</source>
        <translation>使用缓存：新增 {n} 行（{flops}）</translation>
    </message>
    <message>
        <source>with a cache {n} new rows ({flops})</source>
        <translation>使用缓存：新增 {n} 行（{flops}）</translation>
    </message>
    <message>
        <source>cache {bytes}</source>
        <translation>缓存 {bytes}</translation>
    </message>
    <message>
        <source>{recomputed}+{new} rows</source>
        <translation>{recomputed}+{new} 行</translation>
    </message>
    <message>
        <source>{rows}, {flops}</source>
        <translation>{rows}，{flops}</translation>
    </message>
    <message>
        <source>no cache: {what}</source>
        <translation>无缓存：{what}</translation>
    </message>
    <message>
        <source>cache: {what}, {bytes}</source>
        <translation>有缓存：{what}，{bytes}</translation>
    </message>
    <message>
        <source>{uncached} vs {cached}</source>
        <translation>{uncached} 对比 {cached}</translation>
    </message>
</context>
<context>
    <name>checkpoint</name>
    <message>
        <source>is not a kvviz checkpoint (no &quot;format&quot;: &quot;{format}&quot; entry)</source>
        <extracomment>The trained weights of the default shape, which the app, ``kvviz trace`` and ``kvviz export`` start with. Looked up as package data, so a normal install finds them as a checkout does. The suffix of a checkpoint&apos;s name; its Markdown model card sits beside it with ``.md``. Tensors are stored in half precision: half the bytes, and far below what changes a token. Config fields that fix tensor shapes, by the name a user sets them with. &quot;trained&quot; (the shipped variant of the config&apos;s shape), &quot;random&quot; (seeded init, any shape) or a checkpoint file.</extracomment>
        <translation>不是 kvviz 检查点（没有 &quot;format&quot;: &quot;{format}&quot; 条目）</translation>
    </message>
    <message>
        <source>has checkpoint version {version}; this kvviz reads version {supported}</source>
        <translation>的检查点版本为 {version}；此版本的 kvviz 只读取版本 {supported}</translation>
    </message>
    <message>
        <source>has no model config</source>
        <translation>没有模型配置</translation>
    </message>
    <message>
        <source>has an invalid model config: {reason}</source>
        <translation>的模型配置无效：{reason}</translation>
    </message>
    <message>
        <source>has no state_dict of weights</source>
        <translation>没有权重的 state_dict</translation>
    </message>
    <message>
        <source>has a model card that is not a mapping</source>
        <translation>的模型卡不是映射（mapping）</translation>
    </message>
    <message>
        <source>is fixed at {value} by the {label} weights, got {got}; choose random weights to change it</source>
        <translation>已由 {label} 权重固定为 {value}，实际给出 {got}；如需更改请选择随机权重</translation>
    </message>
    <message>
        <source>does not exist</source>
        <translation>不存在</translation>
    </message>
    <message>
        <source>is not a file</source>
        <translation>不是文件</translation>
    </message>
    <message>
        <source>cannot be read: {reason}</source>
        <translation>无法读取：{reason}</translation>
    </message>
    <message>
        <source>is not a torch.save zip archive (damaged, truncated or another format)</source>
        <translation>不是 torch.save 的 zip 归档（已损坏、被截断或为其他格式）</translation>
    </message>
    <message>
        <source>holds Python objects, not only tensors{what}; refused to load it</source>
        <translation>含有 Python 对象，而不仅是张量{what}；已拒绝加载</translation>
    </message>
    <message>
        <source>is damaged: {reason}</source>
        <translation>已损坏：{reason}</translation>
    </message>
    <message>
        <source>has compressed records ({names}), which torch.save never writes; refused</source>
        <translation>含有压缩记录（{names}），而 torch.save 从不写入压缩记录；已拒绝</translation>
    </message>
    <message>
        <source>declares {declared} bytes of records in a file of {size} bytes; refused</source>
        <translation>声明了 {declared} 字节的记录，而文件只有 {size} 字节；已拒绝</translation>
    </message>
    <message>
        <source>lacks tensor {names} that its config needs</source>
        <translation>缺少其配置所需的张量 {names}</translation>
    </message>
    <message>
        <source>has tensor {names} that its config does not use</source>
        <translation>含有其配置用不到的张量 {names}</translation>
    </message>
    <message>
        <source>{name} is not a floating-point tensor</source>
        <translation>{name} 不是浮点张量</translation>
    </message>
    <message>
        <source>{name} has shape {shape}, but its config needs {needed}</source>
        <translation>{name} 的形状为 {shape}，但其配置需要 {needed}</translation>
    </message>
    <message>
        <source>{name} holds NaN or infinite values</source>
        <translation>{name} 含有 NaN 或无穷大值</translation>
    </message>
    <message>
        <source>{name} (and {more} more)</source>
        <translation>{name}（另有 {more} 个）</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>See the KV cache of a transformer decoder work, step by step. Plain `kvviz`, with no command, opens the desktop app; the commands below work without a display.</source>
        <translation>逐步观察 Transformer 解码器的键值缓存（KV cache）如何工作。不带命令运行 `kvviz` 会打开桌面应用；下列命令无需显示器即可运行。</translation>
    </message>
    <message>
        <source>language of the app and of every text printed (default: the system&apos;s, from LANG)</source>
        <translation>应用及所有输出文字的语言（默认：跟随系统，取自 LANG）</translation>
    </message>
    <message>
        <source>unknown language &apos;{code}&apos;; available: {languages}</source>
        <translation>未知语言 &apos;{code}&apos;；可用语言：{languages}</translation>
    </message>
    <message>
        <source>give a command (kvviz --help lists them), or no arguments to open the app</source>
        <translation>请给出一个命令（kvviz --help 会列出全部命令），或不带参数以打开应用</translation>
    </message>
    <message>
        <source>--threads: must be 1 to {most}, got {value}</source>
        <extracomment>The most CPU threads a command hands torch: more is a typo, not a machine.</extracomment>
        <translation>--threads：必须在 1 到 {most} 之间，实际为 {value}</translation>
    </message>
    <message>
        <source> (default: a file&apos;s own; else {value})</source>
        <translation>（默认：文件自带的值；否则为 {value}）</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>text to prefill (default: %(default)r)</source>
        <translation>要预填充的文本（默认：%(default)r）</translation>
    </message>
    <message>
        <source>decode steps after the prefill (default: %(default)s)</source>
        <translation>预填充之后的解码步数（默认：%(default)s）</translation>
    </message>
    <message>
        <source>trained (the shipped model of the chosen shape, if there is one: {shapes}; else random weights, with a note), random (any shape), a checkpoint file, a Hugging Face model folder, or a model in the local Hugging Face cache (default: %(default)s)</source>
        <translation>trained（所选形状随附的训练好的模型，若有：{shapes}；否则使用随机权重并给出提示）、random（任意形状）、检查点文件、Hugging Face 模型文件夹，或本地 Hugging Face 缓存中的模型（默认：%(default)s）</translation>
    </message>
    <message>
        <source>let --weights hf:NAME fetch a model not cached yet</source>
        <translation>允许 --weights hf:NAME 下载尚未缓存的模型</translation>
    </message>
    <message>
        <source>decoder layers</source>
        <translation>解码器层数</translation>
    </message>
    <message>
        <source>query heads</source>
        <translation>查询头数</translation>
    </message>
    <message>
        <source>K/V heads; = heads is MHA, 1 is MQA (default: a file&apos;s own; else {value}, or = --heads)</source>
        <translation>键值头数；等于头数即多头注意力（MHA），为 1 即多查询注意力（MQA）（默认：文件自带的值；否则为 {value}，或等于 --heads）</translation>
    </message>
    <message>
        <source>residual width</source>
        <translation>残差宽度</translation>
    </message>
    <message>
        <source>width of one head (default: the weights&apos;; random: d_model / heads)</source>
        <translation>单个头的宽度（默认：取自权重；随机权重：d_model / 头数）</translation>
    </message>
    <message>
        <source>element type (default: a model folder&apos;s own; else {value})</source>
        <translation>元素类型（默认：模型文件夹自带的；否则为 {value}）</translation>
    </message>
    <message>
        <source>sequences in the batch (default: %(default)s)</source>
        <translation>批中的序列数（默认：%(default)s）</translation>
    </message>
    <message>
        <source>context length (default: {value}, or a model folder&apos;s positions if fewer)</source>
        <translation>上下文长度（默认：{value}；若模型文件夹的位置数更少则取其位置数）</translation>
    </message>
    <message>
        <source>seed: random weights, sampling (default: %(default)s)</source>
        <translation>随机种子：用于随机权重和采样（默认：%(default)s）</translation>
    </message>
    <message>
        <source>0 is greedy (default: %(default)s)</source>
        <translation>温度；0 表示贪心（默认：%(default)s）</translation>
    </message>
    <message>
        <source>sample from the k likeliest tokens; 0 = all</source>
        <translation>从概率最高的 k 个词元中采样；0 表示全部</translation>
    </message>
    <message>
        <source>cache</source>
        <translation>缓存</translation>
    </message>
    <message>
        <source>full, sliding window, or sinks + window</source>
        <translation>full（完整）、window（滑动窗口）或 sink（注意力汇聚 + 窗口）</translation>
    </message>
    <message>
        <source>tokens the window keeps, the query&apos;s own included</source>
        <translation>窗口保留的词元数，包括查询自身</translation>
    </message>
    <message>
        <source>first tokens the sink policy always keeps</source>
        <translation>sink 策略始终保留的开头词元数</translation>
    </message>
    <message>
        <source>store K/V quantized, with float16 scales per token and head (default: the model&apos;s dtype)</source>
        <translation>以量化形式存储键/值，每个词元和头各带一个 float16 缩放因子（默认：模型的数据类型）</translation>
    </message>
    <message>
        <source>also run each step without the cache, the reference it is checked against; auto: unless one pass over the context costs more than 50 GFLOP (default: %(default)s)</source>
        <translation>每一步同时不使用缓存再运行一遍，作为校验的参照；auto：除非对整个上下文的一次前向超过 50 GFLOP（默认：%(default)s）</translation>
    </message>
    <message>
        <source>must be non-negative, got {value}</source>
        <translation>不能为负数，实际为 {value}</translation>
    </message>
    <message>
        <source>--download: applies to --weights hf:NAME only</source>
        <translation>--download：仅适用于 --weights hf:NAME</translation>
    </message>
    <message>
        <source>--weights: a model folder needs the optional extra: pip install &apos;kvviz[hf]&apos; ({reason})</source>
        <translation>--weights：模型文件夹需要可选依赖：pip install &apos;kvviz[hf]&apos;（{reason}）</translation>
    </message>
    <message>
        <source>kvviz: stopped after step {step}: {reason}</source>
        <translation>kvviz: 在第 {step} 步后停止：{reason}</translation>
    </message>
</context>
<context>
    <name>cli.argparse</name>
    <message>
        <source>show program&apos;s version number and exit</source>
        <translation>显示程序版本号并退出</translation>
    </message>
    <message>
        <source>usage: </source>
        <extracomment>Config fields by the option that sets them, so errors name what the user typed.</extracomment>
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
        <source>show this help message and exit</source>
        <translation>显示此帮助信息并退出</translation>
    </message>
    <message>
        <source>argument {argument}: {message}</source>
        <translation>参数 {argument}：{message}</translation>
    </message>
    <message>
        <source>the following arguments are required: {arguments}</source>
        <translation>缺少以下必需参数：{arguments}</translation>
    </message>
    <message>
        <source>unrecognized arguments: {arguments}</source>
        <translation>无法识别的参数：{arguments}</translation>
    </message>
    <message>
        <source>invalid choice: {value} (choose from {choices})</source>
        <translation>无效的选项：{value}（可选：{choices}）</translation>
    </message>
    <message>
        <source>invalid {type} value: {value}</source>
        <translation>无效的 {type} 值：{value}</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>需要一个参数值</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>最多需要一个参数值</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>至少需要一个参数值</translation>
    </message>
    <message>
        <source>not allowed with argument {argument}</source>
        <translation>不能与参数 {argument} 同时使用</translation>
    </message>
    <message>
        <source>ambiguous option: {option} could match {matches}</source>
        <translation>有歧义的选项：{option} 可匹配 {matches}</translation>
    </message>
    <message>
        <source>one of the arguments {arguments} is required</source>
        <translation>必须给出参数 {arguments} 之一</translation>
    </message>
    <message>
        <source>ignored explicit argument {value}</source>
        <translation>忽略了显式给出的参数值 {value}</translation>
    </message>
</context>
<context>
    <name>cli.eval</name>
    <message>
        <source>held-out bits per byte of each shipped model and cache setting, beside cache bytes per token</source>
        <extracomment>Evaluation fields by the option that sets them, so errors name what the user typed.</extracomment>
        <translation>每个随附模型和缓存设置在留出集上的每字节比特数（bits/byte），以及每词元的缓存字节数</translation>
    </message>
    <message>
        <source>Scores every shipped tiny model with a full cache, and the default model with each cache setting (int8, int4, fp8, a sliding window of W, S sinks + a window of W - S), on the held-out text of the training data. Each byte is predicted as a decode step predicts it: attending to K and V as the cache returns them. Bytes per token are the cache&apos;s bytes at the context length ÷ the context.</source>
        <translation>在训练数据的留出集文本上评估：每个随附的小模型使用完整缓存，默认模型分别使用每种缓存设置（int8、int4、fp8、宽度为 W 的滑动窗口、S 个注意力汇聚（sink）+ 宽度为 W - S 的窗口）。每个字节都按解码步骤的方式预测：对缓存返回的键和值做注意力。每词元字节数 = 上下文长度处的缓存字节数 ÷ 上下文长度。</translation>
    </message>
    <message>
        <source>window of text per prediction (default: %(default)s)</source>
        <translation>每次预测使用的文本窗口（默认：%(default)s）</translation>
    </message>
    <message>
        <source>W of the eviction rows (default: %(default)s)</source>
        <translation>驱逐各行的 W（默认：%(default)s）</translation>
    </message>
    <message>
        <source>S of the sinks row, out of W (default: %(default)s)</source>
        <translation>sink 行的 S，包含在 W 之内（默认：%(default)s）</translation>
    </message>
    <message>
        <source>dtype the models run in</source>
        <translation>模型运行所用的数据类型（dtype）</translation>
    </message>
    <message>
        <source>score this many windows picked with --seed (0: all text)</source>
        <translation>只评估由 --seed 选出的这么多个窗口（0：全部文本）</translation>
    </message>
    <message>
        <source>which windows --sample picks (default: %(default)s)</source>
        <translation>决定 --sample 选取哪些窗口（默认：%(default)s）</translation>
    </message>
    <message>
        <source>CPU threads for torch (default: %(default)s: a tiny model runs faster on one)</source>
        <translation>torch 使用的 CPU 线程数（默认：%(default)s：小模型单线程更快）</translation>
    </message>
    <message>
        <source>one JSON object per row</source>
        <translation>每行输出一个 JSON 对象</translation>
    </message>
    <message>
        <source>--sample and --seed: must not be negative, got {sample} and {seed}</source>
        <translation>--sample 和 --seed：不能为负数，实际为 {sample} 和 {seed}</translation>
    </message>
    <message>
        <source>{rows} rows in {seconds} s on {threads} thread</source>
        <translation>{rows} 行，用时 {seconds} s，{threads} 个线程</translation>
    </message>
    <message>
        <source>{rows} rows in {seconds} s on {threads} threads</source>
        <translation>{rows} 行，用时 {seconds} s，{threads} 个线程</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>heads</source>
        <translation>头数</translation>
    </message>
    <message>
        <source>cache</source>
        <translation>缓存</translation>
    </message>
    <message>
        <source>context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>bytes/token</source>
        <translation>字节/词元</translation>
    </message>
    <message>
        <source>{windows} windows picked with seed {seed}</source>
        <translation>用随机种子 {seed} 选出的 {windows} 个窗口</translation>
    </message>
    <message>
        <source>all {bytes} bytes</source>
        <translation>全部 {bytes} 字节</translation>
    </message>
    <message>
        <source>Held-out text of the training data ({scored}), {context} bytes of context per window, models in {dtype}. Bytes/token: one sequence&apos;s cache at {context} tokens ÷ {context}. Lower bits/byte is better.</source>
        <translation>训练数据的留出集文本（{scored}），每个窗口 {context} 字节上下文，模型以 {dtype} 运行。字节/词元：一条序列在 {context} 个词元时的缓存 ÷ {context}。bits/byte 越低越好。</translation>
    </message>
</context>
<context>
    <name>cli.export</name>
    <message>
        <source>save a panel as PNG/SVG, steps as GIF/MP4, or per-step metrics as CSV/JSON (no display needed)</source>
        <translation>将面板导出为 PNG/SVG，将各步导出为 GIF/MP4，或将每步指标导出为 CSV/JSON（无需显示器）</translation>
    </message>
    <message>
        <source>file to write: {suffixes} (.mp4 needs the video extra: pip install &apos;kvviz[video]&apos;)</source>
        <translation>要写入的文件：{suffixes}（.mp4 需要视频扩展：pip install &apos;kvviz[video]&apos;）</translation>
    </message>
    <message>
        <source>window, presentation, attention, attention_cached, attention_uncached, kv_cache, plots, plot_flops, plot_cumulative_flops, plot_cache_bytes, plot_time, tokens, … (unknown names list all; default: %(default)s)</source>
        <translation>window、presentation、attention、attention_cached、attention_uncached、kv_cache、plots、plot_flops、plot_cumulative_flops、plot_cache_bytes、plot_time、tokens 等（给出未知名称会列出全部；默认：%(default)s）</translation>
    </message>
    <message>
        <source>layer in the attention panels (default: %(default)s)</source>
        <translation>注意力面板中显示的层（默认：%(default)s）</translation>
    </message>
    <message>
        <source>query head in the attention panels (default: %(default)s)</source>
        <translation>注意力面板中显示的查询头（默认：%(default)s）</translation>
    </message>
    <message>
        <source>pixels per screen pixel, e.g. 1, 2, 4 (default: 1)</source>
        <translation>每个屏幕像素对应的像素数，例如 1、2、4（默认：1）</translation>
    </message>
    <message>
        <source>exact picture size in pixels, e.g. 1920x1080, or a slide: 16:9 (1920x1080) or 4:3 (1024x768); the panel is laid out to fill it</source>
        <translation>图片的精确像素尺寸，例如 1920x1080，或幻灯片尺寸：16:9（1920x1080）或 4:3（1024x768）；面板会排版以填满该尺寸</translation>
    </message>
    <message>
        <source>colours and type (default: dark)</source>
        <translation>配色和字体（默认：dark）</translation>
    </message>
    <message>
        <source>first step of an animation (default: 0)</source>
        <translation>动画的第一步（默认：0）</translation>
    </message>
    <message>
        <source>last step of an animation; past --steps, the run goes on to it (default: --steps)</source>
        <translation>动画的最后一步；若超过 --steps，运行会继续到该步（默认：--steps）</translation>
    </message>
    <message>
        <source>animation: milliseconds per frame (default: 500)</source>
        <translation>动画：每帧毫秒数（默认：500）</translation>
    </message>
    <message>
        <source>--out: give a file ending in {suffixes}, not {name}</source>
        <translation>--out：请给出以 {suffixes} 结尾的文件名，而不是 {name}</translation>
    </message>
    <message>
        <source>--steps: must be at least 1, got {value}</source>
        <translation>--steps：至少为 1，实际为 {value}</translation>
    </message>
    <message>
        <source>--from {first} --to {last}: the range is reversed; give the earlier step first</source>
        <translation>--from {first} --to {last}：范围颠倒了；请先给出较早的一步</translation>
    </message>
    <message>
        <source>wrote {path}: {steps} steps</source>
        <translation>已写入 {path}：{steps} 步</translation>
    </message>
    <message>
        <source>{option}: must be in 0..{last} for this model, got {value}</source>
        <translation>{option}：对此模型必须在 0..{last} 之间，实际为 {value}</translation>
    </message>
    <message>
        <source>wrote {path}: {panel} at step {step}</source>
        <translation>已写入 {path}：第 {step} 步的 {panel}</translation>
    </message>
    <message>
        <source>wrote {path}: {panel}, steps {first}..{last}, {frames} frames</source>
        <translation>已写入 {path}：{panel}，第 {first}..{last} 步，共 {frames} 帧</translation>
    </message>
</context>
<context>
    <name>cli.mem</name>
    <message>
        <source>KV cache, weights, FLOPs and serving capacity of a real model</source>
        <translation>真实模型的键值缓存（KV cache）、权重、FLOPs 和推理服务容量</translation>
    </message>
    <message>
        <source>one of {models}, or a config.json</source>
        <translation>{models} 之一，或一个 config.json</translation>
    </message>
    <message>
        <source>tokens per sequence (default: %(default)s)</source>
        <translation>每条序列的词元数（默认：%(default)s）</translation>
    </message>
    <message>
        <source>sequences held at once (default: %(default)s)</source>
        <translation>同时保存的序列数（默认：%(default)s）</translation>
    </message>
    <message>
        <source>weights, and the cache unless --cache-dtype (default: the config&apos;s)</source>
        <translation>权重的数据类型，未给出 --cache-dtype 时也用于缓存（默认：取自配置）</translation>
    </message>
    <message>
        <source>the KV cache (default: --dtype)</source>
        <translation>键值缓存的数据类型（默认：--dtype）</translation>
    </message>
    <message>
        <source>serving (vLLM&apos;s model: paged blocks, a memory fraction, K/V-head replication)</source>
        <translation>推理服务（按 vLLM 的模型：分页块、显存占比、键值头复制）</translation>
    </message>
    <message>
        <source>GPU (default: %(default)s)</source>
        <translation>GPU（默认：%(default)s）</translation>
    </message>
    <message>
        <source>any GPU size instead, e.g. 80GiB or 81559MiB</source>
        <translation>改用任意显存大小，例如 80GiB 或 81559MiB</translation>
    </message>
    <message>
        <source>tensor-parallel degree (default: %(default)s)</source>
        <translation>张量并行度（默认：%(default)s）</translation>
    </message>
    <message>
        <source>pipeline-parallel degree (default: %(default)s)</source>
        <translation>流水线并行度（默认：%(default)s）</translation>
    </message>
    <message>
        <source>fraction of GPU memory used (default: 0.9)</source>
        <translation>使用的显存比例（默认：0.9）</translation>
    </message>
    <message>
        <source>tokens per cache block (default: %(default)s)</source>
        <translation>每个缓存块的词元数（默认：%(default)s）</translation>
    </message>
    <message>
        <source>activations and runtime per GPU, an allowance (default: 2GiB)</source>
        <translation>每个 GPU 为激活值和运行时预留的量（默认：2GiB）</translation>
    </message>
    <message>
        <source>tokens of a prompt prefix all sequences share, held once (default: none)</source>
        <translation>所有序列共享的提示词前缀词元数，只保存一份（默认：无）</translation>
    </message>
    <message>
        <source>one JSON object with every figure</source>
        <translation>输出一个包含全部数据的 JSON 对象</translation>
    </message>
    <message>
        <source>{option}: must be at least 1, got {value}</source>
        <translation>{option}：至少为 1，实际为 {value}</translation>
    </message>
    <message>
        <source>{option}: must be at most {most}, got {value}</source>
        <translation>{option}：最多为 {most}，实际为 {value}</translation>
    </message>
</context>
<context>
    <name>cli.trace</name>
    <message>
        <source>run the model headless and print each step&apos;s figures</source>
        <translation>无界面运行模型，并打印每一步的数据</translation>
    </message>
    <message>
        <source>one JSON object per line per step</source>
        <translation>每步输出一行 JSON 对象</translation>
    </message>
    <message>
        <source>step</source>
        <extracomment>The table&apos;s columns: title (marked where it is shown) and width in terminal columns.</extracomment>
        <translation>步</translation>
    </message>
    <message>
        <source>phase</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>FLOPs uncached</source>
        <translation>无缓存 FLOPs</translation>
    </message>
    <message>
        <source>FLOPs cached</source>
        <translation>有缓存 FLOPs</translation>
    </message>
    <message>
        <source>saved</source>
        <translation>节省</translation>
    </message>
    <message>
        <source>cache used</source>
        <translation>缓存占用</translation>
    </message>
    <message>
        <source>t uncached</source>
        <translation>无缓存耗时</translation>
    </message>
    <message>
        <source>t cached</source>
        <translation>有缓存耗时</translation>
    </message>
    <message>
        <source>prefill</source>
        <translation>预填充</translation>
    </message>
    <message>
        <source>decode</source>
        <translation>解码</translation>
    </message>
    <message>
        <source>{kind}: {layers} layers, {heads} heads, {kv_heads} kv-heads, head_dim {head_dim}, {dtype}, batch {batch}, context {context}</source>
        <translation>{kind}：{layers} 层，{heads} 个头，{kv_heads} 个键值头，head_dim {head_dim}，{dtype}，批大小 {batch}，上下文长度 {context}</translation>
    </message>
    <message>
        <source> K/V stored as {dtype} with float16 scales.</source>
        <translation>键/值以 {dtype} 存储，并带 float16 缩放因子。</translation>
    </message>
    <message>
        <source>Recorded for the views: every Q·Kᵀ row, softmax row, key and value, in {dtype} ({size} at the full context).</source>
        <translation>为视图记录：每一行 Q·Kᵀ、softmax 行、键和值，以 {dtype} 存储（上下文满时共 {size}）。</translation>
    </message>
    <message>
        <source>Uncached pass not computed ({reason}): its columns read &apos;-&apos;.</source>
        <translation>未计算无缓存的前向（{reason}）：相应列显示 &apos;-&apos;。</translation>
    </message>
    <message>
        <source>generated: {text}</source>
        <translation>生成：{text}</translation>
    </message>
</context>
<context>
    <name>cli.train</name>
    <message>
        <source>train the tiny decoder on Python&apos;s own docs and save a checkpoint</source>
        <extracomment>Training-plan fields by the option that sets them, so errors name what the user typed.</extracomment>
        <translation>用 Python 自带的文档训练小型解码器，并保存检查点</translation>
    </message>
    <message>
        <source>checkpoint to write (.pt); its model card goes next to it (.md)</source>
        <translation>要写入的检查点（.pt）；其模型卡写在旁边（.md）</translation>
    </message>
    <message>
        <source> (default: %(default)s)</source>
        <translation>（默认：%(default)s）</translation>
    </message>
    <message>
        <source>optimizer steps</source>
        <translation>优化器步数</translation>
    </message>
    <message>
        <source>seed for init and batches</source>
        <translation>用于初始化和取批的随机种子</translation>
    </message>
    <message>
        <source>windows per step</source>
        <translation>每步的窗口数</translation>
    </message>
    <message>
        <source>peak learning rate</source>
        <translation>峰值学习率</translation>
    </message>
    <message>
        <source>CPU threads for torch</source>
        <translation>torch 使用的 CPU 线程数</translation>
    </message>
    <message>
        <source>decoder layers</source>
        <translation>解码器层数</translation>
    </message>
    <message>
        <source>query heads</source>
        <translation>查询头数</translation>
    </message>
    <message>
        <source>K/V heads</source>
        <translation>键值头数</translation>
    </message>
    <message>
        <source>residual width</source>
        <translation>残差宽度</translation>
    </message>
    <message>
        <source>window length</source>
        <translation>窗口长度</translation>
    </message>
    <message>
        <source>training {kind} {layers}x{width} on {bytes} bytes of Python {version} docs, {steps} steps of {batch}x{context} bytes</source>
        <translation>正在训练 {kind} {layers}x{width}，数据为 Python {version} 文档的 {bytes} 字节，共 {steps} 步，每步 {batch}x{context} 字节</translation>
    </message>
    <message>
        <source>held-out {bits}</source>
        <translation>留出集 {bits}</translation>
    </message>
    <message>
        <source>step {step}/{steps}  loss {loss} bits/byte{heldout}  {speed}k tok/s  elapsed {elapsed}  eta {eta}</source>
        <translation>第 {step}/{steps} 步  损失 {loss} bits/byte{heldout}  {speed}k 词元/s  已用 {elapsed}  剩余 {eta}</translation>
    </message>
    <message>
        <source>kvviz: training interrupted; nothing saved</source>
        <translation>kvviz: 训练被中断；未保存任何内容</translation>
    </message>
    <message>
        <source>--out: cannot write {path}: {reason}</source>
        <translation>--out：无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>saved {path} ({size}) and its model card {card}</source>
        <translation>已保存 {path}（{size}）及其模型卡 {card}</translation>
    </message>
    <message>
        <source>bits per byte: held-out {heldout}, training {training}, unigram baseline {unigram}; {time} of training</source>
        <translation>每字节比特数（bits/byte）：留出集 {heldout}，训练集 {training}，一元模型基线 {unigram}；训练用时 {time}</translation>
    </message>
    <message>
        <source>--out: give a checkpoint name ending in .pt (its card is written beside it as .md), not {name}</source>
        <translation>--out：请给出以 .pt 结尾的检查点文件名（其模型卡以 .md 写在旁边），而不是 {name}</translation>
    </message>
    <message>
        <source>--out: {card} exists and is not a kvviz model card; move it or choose another name</source>
        <translation>--out：{card} 已存在且不是 kvviz 模型卡；请移走它或换一个文件名</translation>
    </message>
</context>
<context>
    <name>config</name>
    <message>
        <source>must be an integer, got {value}</source>
        <extracomment>Cache/model element types the tiny decoder runs in, by the names users type. Fields that scale what a run allocates, checked against the machine&apos;s memory. torch&apos;s sizes are 64-bit; a larger number is refused before any arithmetic on it. torch&apos;s generators take an unsigned 64-bit seed. Bytes of one token id: the engine keeps the batch&apos;s ids for the whole context.</extracomment>
        <translation>必须是整数，实际为 {value}</translation>
    </message>
    <message>
        <source>must be positive, got {value}</source>
        <translation>必须为正数，实际为 {value}</translation>
    </message>
    <message>
        <source>must be below 2**63 (torch&apos;s sizes are 64-bit), got a {bits}-bit number</source>
        <translation>必须小于 2**63（torch 的尺寸是 64 位），实际为 {bits} 位的数</translation>
    </message>
    <message>
        <source>must be at least 256 for the byte tokenizer, got {value}</source>
        <translation>字节分词器要求至少为 256，实际为 {value}</translation>
    </message>
    <message>
        <source>must divide d_model ({d_model}) when head_dim is not given, got {value}</source>
        <translation>未给出 head_dim 时必须整除 d_model（{d_model}），实际为 {value}</translation>
    </message>
    <message>
        <source>must be even for rotary position embeddings, got {value}</source>
        <translation>旋转位置编码要求为偶数，实际为 {value}</translation>
    </message>
    <message>
        <source>must divide n_heads ({n_heads}) so query heads share K/V heads evenly, got {value}</source>
        <translation>必须整除 n_heads（{n_heads}），查询头才能平均共享键值头，实际为 {value}</translation>
    </message>
    <message>
        <source>must be one of {choices}, got {value}</source>
        <translation>必须是 {choices} 之一，实际为 {value}</translation>
    </message>
    <message>
        <source>must be a non-negative integer, got {value}</source>
        <translation>必须是非负整数，实际为 {value}</translation>
    </message>
    <message>
        <source>must be below 2**64 (torch&apos;s seeds are 64-bit), got a {bits}-bit number</source>
        <translation>必须小于 2**64（torch 的随机种子是 64 位），实际为 {bits} 位的数</translation>
    </message>
    <message>
        <source>too large: a run needs {needed} up front (weights {weights}, K/V cache and token ids for {positions} positions {cache}), more than this machine&apos;s {available} of memory</source>
        <translation>过大：运行一开始就需要 {needed}（权重 {weights}，{positions} 个位置的键值缓存和词元 id {cache}），超过本机 {available} 的内存</translation>
    </message>
    <message>
        <source>is not a model setting (known: {known})</source>
        <translation>不是模型设置（已知设置：{known}）</translation>
    </message>
    <message>
        <source>cannot read {path}: {reason}</source>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <source>{path} must hold a JSON object</source>
        <translation>{path} 必须包含一个 JSON 对象</translation>
    </message>
    <message>
        <source>must contain at least one token</source>
        <translation>必须至少包含一个词元</translation>
    </message>
    <message>
        <source>has {tokens} tokens, longer than context_length ({context})</source>
        <translation>有 {tokens} 个词元，超过了 context_length（{context}）</translation>
    </message>
</context>
<context>
    <name>engine</name>
    <message>
        <source>max new tokens reached ({n} generated)</source>
        <translation>已达到最多新词元数（已生成 {n} 个）</translation>
    </message>
    <message>
        <source>context length reached: all {n} positions hold tokens and the full cache has no room for the next one</source>
        <translation>已达到上下文长度：全部 {n} 个位置都存有词元，完整缓存没有空间给下一个词元</translation>
    </message>
</context>
<context>
    <name>evaluation</name>
    <message>
        <source>full</source>
        <translation>完整</translation>
    </message>
    <message>
        <source>window {window}</source>
        <translation>窗口 {window}</translation>
    </message>
    <message>
        <source>sinks {sinks} + window {window}</source>
        <translation>汇聚 {sinks} + 窗口 {window}</translation>
    </message>
    <message>
        <source>must be fewer than the window ({window}) they share, got {value}</source>
        <extracomment>The context length ``kvviz eval`` and the app&apos;s chart use unless told: the length the family was trained on. Window W of the eviction rows, and the sinks S that the sinks row keeps out of the same budget.</extracomment>
        <translation>必须少于它们所在的窗口（{window}），实际为 {value}</translation>
    </message>
    <message>
        <source>must be a positive integer, got {value}</source>
        <translation>必须是正整数，实际为 {value}</translation>
    </message>
    <message>
        <source>{context} is longer than the held-out text can fill ({bytes} bytes)</source>
        <translation>{context} 超过了留出集文本能填满的长度（{bytes} 字节）</translation>
    </message>
</context>
<context>
    <name>eviction_probe</name>
    <message>
        <source>Nothing is evicted at the step shown: choose a sliding window or sinks + window and step on until the sequence is longer than the window, then measure again.</source>
        <translation>所示的这一步没有驱逐任何词元：请选择“滑动窗口”或“汇聚 + 窗口”，继续单步执行到序列长于窗口，然后再测一次。</translation>
    </message>
    <message>
        <source>At step {step}, {evicted} of {tokens} tokens is evicted.</source>
        <translation>第 {step} 步时，{tokens} 个词元中有 {evicted} 个已被驱逐。</translation>
    </message>
    <message>
        <source>At step {step}, {evicted} of {tokens} tokens are evicted.</source>
        <translation>第 {step} 步时，{tokens} 个词元中有 {evicted} 个已被驱逐。</translation>
    </message>
    <message>
        <source>Altering all of them changes the last logits by up to {change}: their K and V are gone, but they still reach the output through the tokens that attended to them before they left.</source>
        <translation>把它们全部改掉，最后的 logits 最多变化 {change}：它们的键和值已不在缓存中，但它们离开之前关注过它们的词元仍把它们带到了输出。</translation>
    </message>
    <message>
        <source>Altering all of them leaves the last logits exactly as they were (one layer: nothing computed from them is left).</source>
        <translation>把它们全部改掉，最后的 logits 完全不变（只有一层：由它们计算出的东西一点也没有留下）。</translation>
    </message>
    <message>
        <source>Altering all of them leaves the last logits exactly as they were (nothing of them reaches it).</source>
        <translation>把它们全部改掉，最后的 logits 完全不变（它们的任何信息都没有传到输出）。</translation>
    </message>
    <message>
        <source>{found} {effect}</source>
        <translation>{found}{effect}</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <source>scale must be above 0 and at most 8, got {scale}</source>
        <extracomment>The name of the whole window among the panels. Scales offered in the app. Largest picture side, in pixels: beyond this a PNG is no longer a slide picture. Smallest fixed size, in pixels: below this the panels cannot be drawn legibly. The screen a fixed-size picture is laid out on before it is scaled up, in logical pixels. Slide sizes by aspect, as offered in the app; ``--size 16:9`` and ``--size 4:3`` take the first of each.</extracomment>
        <translation>缩放倍数必须大于 0 且不超过 8，实际为 {scale}</translation>
    </message>
    <message>
        <source>size must be {least} to {most} pixels, got {size}</source>
        <translation>尺寸必须在 {least} 到 {most} 像素之间，实际为 {size}</translation>
    </message>
    <message>
        <source>size must look like 1920x1080, 16:9 or 4:3, got {text}</source>
        <translation>尺寸的格式应为 1920x1080、16:9 或 4:3，实际为 {text}</translation>
    </message>
    <message>
        <source>unknown panel {name}; choose one of: {names}</source>
        <translation>未知面板 {name}；可选：{names}</translation>
    </message>
    <message>
        <source>the panel {name} is hidden; show it from the View menu first</source>
        <translation>面板 {name} 已隐藏；请先从“视图”菜单中显示它</translation>
    </message>
    <message>
        <source>SVG is made for single plots ({plots}); save {name} as PNG</source>
        <translation>SVG 仅用于单个图表（{plots}）；请将 {name} 保存为 PNG</translation>
    </message>
</context>
<context>
    <name>head_sharing</name>
    <message>
        <source>head {head} · K/V {kv}</source>
        <translation>头 {head} · K/V {kv}</translation>
    </message>
    <message>
        <source>MHA: a K/V head per query head</source>
        <translation>多头注意力（MHA）：每个查询头一个键值头</translation>
    </message>
    <message>
        <source>MQA: one K/V head for all {n}</source>
        <translation>多查询注意力（MQA）：{n} 个查询头共用一个键值头</translation>
    </message>
    <message>
        <source>GQA: {n} query heads per K/V head</source>
        <translation>分组查询注意力（GQA）：每个键值头对应 {n} 个查询头</translation>
    </message>
</context>
<context>
    <name>hf.decoder</name>
    <message>
        <source>a Hugging Face model runs with the full cache only</source>
        <translation>Hugging Face 模型只能使用完整缓存运行</translation>
    </message>
    <message>
        <source>a Hugging Face model stores its cache in the model&apos;s dtype only</source>
        <translation>Hugging Face 模型只能以模型自身的数据类型存储缓存</translation>
    </message>
</context>
<context>
    <name>hf.folder</name>
    <message>
        <source>{name} is larger than {size} MiB; not a model file</source>
        <extracomment>Larger JSON files are not a model&apos;s config or index: refused before parsing. Bounds on the numbers a config may claim, so a hostile file cannot make kvviz build a huge model. GPT-2&apos;s names for the same numbers.</extracomment>
        <translation>{name} 大于 {size} MiB；不是模型文件</translation>
    </message>
    <message>
        <source>cannot read {name}: {reason}</source>
        <translation>无法读取 {name}：{reason}</translation>
    </message>
    <message>
        <source>{name} is not valid JSON: {reason}</source>
        <translation>{name} 不是有效的 JSON：{reason}</translation>
    </message>
    <message>
        <source>{name} is nested too deeply to be a model file</source>
        <translation>{name} 嵌套过深，不可能是模型文件</translation>
    </message>
    <message>
        <source>is not a folder</source>
        <translation>不是文件夹</translation>
    </message>
    <message>
        <source>does not exist</source>
        <translation>不存在</translation>
    </message>
    <message>
        <source>has no {file}; a Hugging Face model folder needs one</source>
        <translation>没有 {file}；Hugging Face 模型文件夹必须有它</translation>
    </message>
    <message>
        <source>{file} must hold a JSON object</source>
        <translation>{file} 必须包含一个 JSON 对象</translation>
    </message>
    <message>
        <source>has no {file}; kvviz needs the model&apos;s own tokenizer to show its tokens</source>
        <translation>没有 {file}；kvviz 需要模型自己的分词器来显示词元</translation>
    </message>
    <message>
        <source>has model_type {model_type}, which kvviz does not run (it runs {known})</source>
        <translation>的 model_type 为 {model_type}，kvviz 不能运行它（可运行：{known}）</translation>
    </message>
    <message>
        <source>is an encoder-decoder model; kvviz runs decoder-only models</source>
        <translation>是编码器-解码器模型；kvviz 只运行仅解码器模型</translation>
    </message>
    <message>
        <source>{file}: {name} must be an integer in 1..{limit}, got {value}</source>
        <translation>{file}：{name} 必须是 1..{limit} 之间的整数，实际为 {value}</translation>
    </message>
    <message>
        <source>{file} has no weight_map</source>
        <translation>{file} 没有 weight_map</translation>
    </message>
    <message>
        <source>{file} names {name}, which is not a safetensors file in the folder</source>
        <translation>{file} 列出了 {name}，但它不是文件夹中的 safetensors 文件</translation>
    </message>
    <message>
        <source>lacks shard {name} that {file} lists ({count} shards)</source>
        <translation>缺少 {file} 列出的分片 {name}（共 {count} 个分片）</translation>
    </message>
    <message>
        <source>has weights only as pickle files (pytorch_model.bin); kvviz reads safetensors only, as pickles can run code: convert them to safetensors first</source>
        <translation>的权重只有 pickle 文件（pytorch_model.bin）；pickle 可以执行代码，所以 kvviz 只读取 safetensors：请先将其转换为 safetensors</translation>
    </message>
    <message>
        <source>has no weights (*.safetensors)</source>
        <translation>没有权重（*.safetensors）</translation>
    </message>
</context>
<context>
    <name>hf.hub</name>
    <message>
        <source>is not a Hugging Face model name: {reason}</source>
        <extracomment>What a model folder needs from a repository; pickled weights are never fetched.</extracomment>
        <translation>不是 Hugging Face 模型名称：{reason}</translation>
    </message>
    <message>
        <source>is not in the local Hugging Face cache; kvviz does not download unless you pass --download</source>
        <translation>不在本地 Hugging Face 缓存中；除非给出 --download，kvviz 不会下载</translation>
    </message>
    <message>
        <source>could not be fetched: {reason}</source>
        <translation>无法获取：{reason}</translation>
    </message>
</context>
<context>
    <name>hf.text</name>
    <message>
        <source>{name} cannot be read as a tokenizer: {reason}</source>
        <translation>{name} 无法作为分词器读取：{reason}</translation>
    </message>
</context>
<context>
    <name>hf.weights</name>
    <message>
        <source>(and {count} more)</source>
        <translation>（另有 {count} 个）</translation>
    </message>
    <message>
        <source>config.json is not a valid config: {reason}</source>
        <translation>config.json 不是有效的配置：{reason}</translation>
    </message>
    <message>
        <source>must not exceed the {positions} positions {model} was made for, got {value}</source>
        <translation>不能超过 {model} 设计的 {positions} 个位置，实际为 {value}</translation>
    </message>
    <message>
        <source>the configuration does not have the shape of {model}</source>
        <translation>该配置与 {model} 的形状不符</translation>
    </message>
    <message>
        <source>tokenizer.json has {tokens} tokens, more than the model&apos;s {vocab}</source>
        <translation>tokenizer.json 有 {tokens} 个词元，多于模型的 {vocab} 个</translation>
    </message>
    <message>
        <source>{name} is not a readable safetensors file: {reason}</source>
        <translation>{name} 不是可读取的 safetensors 文件：{reason}</translation>
    </message>
    <message>
        <source>its weights hold {held} values, but its config needs at least {needed}</source>
        <translation>其权重包含 {held} 个值，但其配置至少需要 {needed} 个</translation>
    </message>
    <message>
        <source>cannot load its weights: {reason}</source>
        <translation>无法加载其权重：{reason}</translation>
    </message>
    <message>
        <source>{name} has shape {shape}, but its config needs {needed}{more}</source>
        <translation>{name} 的形状为 {shape}，但其配置需要 {needed}{more}</translation>
    </message>
    <message>
        <source>lacks tensor {name}{more} that its config needs</source>
        <translation>缺少其配置所需的张量 {name}{more}</translation>
    </message>
</context>
<context>
    <name>memory.arithmetic</name>
    <message>
        <source>context and batch must be non-negative, got {context} and {batch}</source>
        <extracomment>dtypes whose cache carries a scale per stored vector.</extracomment>
        <translation>上下文和批大小不能为负数，实际为 {context} 和 {batch}</translation>
    </message>
    <message>
        <source>{size} B per element</source>
        <translation>每个元素 {size} B</translation>
    </message>
    <message>
        <source>{name}: {size} + one float16 scale per token, layer and KV head for K and for V (symmetric)</source>
        <translation>{name}：{size}，外加每个词元、每层、每个键值头各一个 float16 缩放因子（键和值各一个，对称量化）</translation>
    </message>
    <message>
        <source>{name}: {size}</source>
        <translation>{name}：{size}</translation>
    </message>
    <message>
        <source>{layers} layers × ({latent} latent + {rope} RoPE key) × {size}</source>
        <translation>{layers} 层 × （{latent} 潜在向量 + {rope} RoPE 键） × {size}</translation>
    </message>
    <message>
        <source>2 (K, V) × {layers} layers × {kv_heads} KV heads × {head_dim} × {size}</source>
        <translation>2（键、值） × {layers} 层 × {kv_heads} 个键值头 × {head_dim} × {size}</translation>
    </message>
    <message>
        <source>2 vectors</source>
        <translation>2 个向量</translation>
    </message>
    <message>
        <source>2 × {kv_heads} vectors</source>
        <translation>2 × {kv_heads} 个向量</translation>
    </message>
    <message>
        <source> + {layers} layers × {vectors} × {size} B of scales</source>
        <translation> + {layers} 层 × {vectors} × {size} B 缩放因子</translation>
    </message>
</context>
<context>
    <name>memory.curves</name>
    <message>
        <source>MHA ({count} KV heads)</source>
        <extracomment>The plot&apos;s context axis ends here (decimal: one million tokens). The GQA variant looks for a divisor of the head count only this far, so a hostile count is no loop.</extracomment>
        <translation>MHA（{count} 个键值头）</translation>
    </message>
    <message>
        <source>GQA ({count} KV heads)</source>
        <translation>GQA（{count} 个键值头）</translation>
    </message>
    <message>
        <source>MQA (1 KV head)</source>
        <translation>MQA（1 个键值头）</translation>
    </message>
    <message>
        <source>GQA-{count} + window {window}</source>
        <translation>GQA-{count} + 窗口 {window}</translation>
    </message>
    <message>
        <source>MLA ({rank} + {rope} latent)</source>
        <translation>MLA（{rank} + {rope} 潜在向量）</translation>
    </message>
</context>
<context>
    <name>memory.flops</name>
    <message>
        <source>with cache: 2·W + 2·L·H·(d_qk + d_v)·n;  without: n·2·W_blocks + 2·W_head + 2·L·H·(d_qk + d_v)·n²</source>
        <translation>使用缓存：2·W + 2·L·H·(d_qk + d_v)·n；不使用缓存：n·2·W_blocks + 2·W_head + 2·L·H·(d_qk + d_v)·n²</translation>
    </message>
    <message>
        <source>W: matrix weights one token uses (active experts only); L layers; H query heads; n: context;</source>
        <translation>W：一个词元用到的矩阵权重（仅计激活的专家）；L：层数；H：查询头数；n：上下文长度；</translation>
    </message>
    <message>
        <source>d_qk = d_v = head_dim (MLA decode: latent + RoPE key, latent); a window layer attends to min(n, window) keys</source>
        <translation>d_qk = d_v = head_dim（MLA 解码：潜在向量 + RoPE 键，潜在向量）；窗口层只对 min(n, window) 个键做注意力</translation>
    </message>
    <message>
        <source>context must be at least 1 to generate a token, got {value}</source>
        <translation>生成一个词元时上下文至少为 1，实际为 {value}</translation>
    </message>
</context>
<context>
    <name>memory.gpus</name>
    <message>
        <source>unknown GPU {name} (known: {known}; or give --gpu-memory, e.g. 80GiB)</source>
        <extracomment>A size beyond this (1 PiB) is no GPU; refusing it keeps the arithmetic sane.</extracomment>
        <translation>未知 GPU {name}（已知：{known}；或给出 --gpu-memory，例如 80GiB）</translation>
    </message>
    <message>
        <source>memory size must look like 80GiB, 81559MiB or 85.5GB, got {value}</source>
        <translation>显存大小的格式应类似 80GiB、81559MiB 或 85.5GB，实际为 {value}</translation>
    </message>
    <message>
        <source>memory size must be above 0 and at most 1 PiB, got {value}</source>
        <translation>显存大小必须大于 0 且不超过 1 PiB，实际为 {value}</translation>
    </message>
    <message>
        <source>memory size must be at least 0 and at most 1 PiB, got {value}</source>
        <translation>显存大小必须不小于 0 且不超过 1 PiB，实际为 {value}</translation>
    </message>
    <message>
        <source>GPU memory must be above 0 and at most 1 PiB, got {size} B</source>
        <translation>GPU 显存必须大于 0 且不超过 1 PiB，实际为 {size} B</translation>
    </message>
</context>
<context>
    <name>memory.hf_config</name>
    <message>
        <source>{where}: torch_dtype must be one of float32, float16, bfloat16, got {value}</source>
        <extracomment>A config.json is a few kilobytes; larger files are refused before they are read. Integers in a config.json are ids and sizes; a longer run of digits is refused while parsing. The vocabulary transformers&apos; config classes assume when a config.json names none. The torch_dtype values kvviz sizes weights in (a config names a storage type, never a quantization).</extracomment>
        <translation>{where}：torch_dtype 必须是 float32、float16、bfloat16 之一，实际为 {value}</translation>
    </message>
    <message>
        <source>{source}: lacks {fields}, which decide the KV cache</source>
        <translation>{source}：缺少决定键值缓存大小的 {fields}</translation>
    </message>
    <message>
        <source>hidden_size absent: num_attention_heads × head_dim = {value} assumed</source>
        <translation>缺少 hidden_size：假定为 num_attention_heads × head_dim = {value}</translation>
    </message>
    <message>
        <source>vocab_size absent: {value} assumed (weights only; the cache does not depend on it)</source>
        <translation>缺少 vocab_size：假定为 {value}（只影响权重；缓存与之无关）</translation>
    </message>
    <message>
        <source>intermediate_size absent: 4 × hidden_size = {value} assumed (weights only)</source>
        <translation>缺少 intermediate_size：假定为 4 × hidden_size = {value}（只影响权重）</translation>
    </message>
    <message>
        <source>{source}: hidden_size ({hidden}) is not a multiple of num_attention_heads ({heads})</source>
        <translation>{source}：hidden_size（{hidden}）不是 num_attention_heads（{heads}）的倍数</translation>
    </message>
    <message>
        <source>{source}: has kv_lora_rank (latent attention) but lacks {fields}</source>
        <translation>{source}：有 kv_lora_rank（潜在注意力），但缺少 {fields}</translation>
    </message>
    <message>
        <source>{source}: has sliding-window layers but no sliding_window</source>
        <translation>{source}：有滑动窗口层，但没有 sliding_window</translation>
    </message>
    <message>
        <source>holds a {digits}-digit integer (a config.json&apos;s are ids and sizes)</source>
        <translation>含有一个 {digits} 位的整数（config.json 中的整数应是 id 和尺寸）</translation>
    </message>
    <message>
        <source>{where} nests brackets too deeply to be a config.json</source>
        <translation>{where} 括号嵌套过深，不可能是 config.json</translation>
    </message>
    <message>
        <source>{where} is not valid JSON: {reason}</source>
        <translation>{where} 不是有效的 JSON：{reason}</translation>
    </message>
    <message>
        <source>{where} must hold a JSON object</source>
        <translation>{where} 必须包含一个 JSON 对象</translation>
    </message>
    <message>
        <source>no such file: {path}</source>
        <translation>没有这个文件：{path}</translation>
    </message>
    <message>
        <source>cannot read {path}: {reason}</source>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <source>{path} is larger than {size} MiB: not a config.json</source>
        <translation>{path} 大于 {size} MiB：不是 config.json</translation>
    </message>
    <message>
        <source>{path} is not UTF-8 text</source>
        <translation>{path} 不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>Loaded from {path}. Parameters are counted for the standard {model_type} layout (Llama-style when the type is unknown); fields this explorer does not model are ignored.</source>
        <translation>读取自 {path}。参数按标准的 {model_type} 结构计算（类型未知时按 Llama 结构）；本浏览器未建模的字段将被忽略。</translation>
    </message>
</context>
<context>
    <name>memory.pins</name>
    <message>
        <source> · batch {batch}</source>
        <extracomment>The most bars the comparison keeps: more would not fit as readable bars. Cache dtypes pinned by &quot;pin the cache dtypes&quot;: the usual 16-bit cache and the two integer ones. Attention variants pinned by &quot;pin the attention variants&quot; (ids of :func:`attention_variants`).</extracomment>
        <translation> · 批大小 {batch}</translation>
    </message>
</context>
<context>
    <name>memory.presets</name>
    <message>
        <source>MHA with learned position embeddings (1,024-token context), LayerNorm and biases, tied output head (Radford et al. 2019).</source>
        <translation>MHA，可学习的位置嵌入（上下文 1,024 个词元），层归一化（LayerNorm）和偏置，输出头与词嵌入共享权重（Radford 等，2019）。</translation>
    </message>
    <message>
        <source>Layers alternate: even layers (0, 2, 4, …) attend to a 4,096-token sliding window and keep only that many positions in the cache, odd layers attend globally (HF Gemma2DecoderLayer.is_sliding = not layer_idx % 2; Gemma Team 2024). Four RMSNorms per layer, tied output head.</source>
        <translation>各层交替：偶数层（0, 2, 4, …）只对 4,096 个词元的滑动窗口做注意力，缓存中也只保留这么多位置；奇数层做全局注意力（Hugging Face 的 Gemma2DecoderLayer 中，is_sliding 即 layer_idx 为偶数；Gemma 团队，2024）。每层四个均方根归一化（RMSNorm），输出头与词嵌入共享权重。</translation>
    </message>
    <message>
        <source>Multi-head latent attention: the cache holds, per token and layer, the compressed latent c_KV (kv_lora_rank = 512) plus the decoupled RoPE key (qk_rope_head_dim = 64) = 576 elements shared by all 128 heads, not 2 · heads · head_dim (DeepSeek-V2 paper, §2.1 and Table 1). Inference engines (vLLM, SGLang) cache that latent; Hugging Face&apos;s reference modelling code caches the decompressed per-head K and V instead, which is far larger. Decode attention is counted in the absorbed form (queries mapped into the latent space).</source>
        <translation>多头潜在注意力（MLA）：缓存为每个词元、每一层保存压缩后的潜在向量 c_KV（kv_lora_rank = 512）加上解耦的 RoPE 键（qk_rope_head_dim = 64），共 576 个元素，由全部 128 个头共享，而不是 2 · 头数 · head_dim（DeepSeek-V2 论文 §2.1 与表 1）。推理引擎（vLLM、SGLang）缓存的正是这个潜在向量；Hugging Face 的参考建模代码则缓存解压后的逐头键和值，要大得多。解码注意力按吸收形式计数（查询映射到潜在空间中）。</translation>
    </message>
    <message>
        <source>MHA: 32 KV heads, every head keeps its own K and V.</source>
        <translation>MHA：32 个键值头，每个头都保存自己的键和值。</translation>
    </message>
    <message>
        <source>MHA: 40 KV heads, every head keeps its own K and V (the 34B and 70B Llama 2 models use GQA).</source>
        <translation>MHA：40 个键值头，每个头都保存自己的键和值（34B 和 70B 的 Llama 2 模型使用 GQA）。</translation>
    </message>
    <message>
        <source>GQA: 64 query heads share 8 KV heads, so the cache is 8× smaller than MHA at this size.</source>
        <translation>GQA：64 个查询头共享 8 个键值头，因此缓存只有同规模 MHA 的 1/8。</translation>
    </message>
    <message>
        <source>GQA: 32 query heads share 8 KV heads, a quarter of Llama 2 7B&apos;s cache per token.</source>
        <translation>GQA：32 个查询头共享 8 个键值头，每词元的缓存是 Llama 2 7B 的四分之一。</translation>
    </message>
    <message>
        <source>GQA: 64 query heads share 8 KV heads, the same cache per token as Llama 2 70B.</source>
        <translation>GQA：64 个查询头共享 8 个键值头，每词元的缓存与 Llama 2 70B 相同。</translation>
    </message>
    <message>
        <source>GQA: 128 query heads share 8 KV heads; 126 layers. The 405B model was released only as Llama 3.1.</source>
        <translation>GQA：128 个查询头共享 8 个键值头；126 层。405B 模型只以 Llama 3.1 的形式发布。</translation>
    </message>
    <message>
        <source>GQA (8 KV heads) with a 4,096-token sliding window on every layer: the rolling-buffer cache of the reference implementation keeps 4,096 positions per layer, so the cache stops growing there (later Mistral releases dropped the window).</source>
        <translation>GQA（8 个键值头），每一层都有 4,096 个词元的滑动窗口：参考实现的滚动缓冲区缓存每层保留 4,096 个位置，缓存长到这里就不再增长（后来的 Mistral 版本去掉了窗口）。</translation>
    </message>
    <message>
        <source>Mixture of experts: 8 expert MLPs per layer, 2 used per token, so the weights are those of a 47B model (46.7B parameters) and the per-token compute that of a 13B one (12.9B active). Attention (and so the cache) is Mistral 7B&apos;s GQA with 8 KV heads; the released config has no sliding window (sliding_window: null).</source>
        <translation>混合专家（MoE）：每层 8 个专家 MLP，每个词元用其中 2 个，因此权重相当于 47B 的模型（46.7B 个参数），每个词元的计算量相当于 13B 的模型（12.9B 个激活参数）。注意力（因而缓存）与 Mistral 7B 相同，是 8 个键值头的 GQA；发布的配置没有滑动窗口（sliding_window: null）。</translation>
    </message>
    <message>
        <source>GQA: 28 query heads share 4 KV heads. The config names a sliding window but sets use_sliding_window: false, so every layer attends (and caches) globally. Q/K/V projections carry biases.</source>
        <translation>GQA：28 个查询头共享 4 个键值头。配置写了滑动窗口，但 use_sliding_window 为 false，因此每一层都做全局注意力（也全局缓存）。Q/K/V 投影带偏置。</translation>
    </message>
    <message>
        <source>GQA: 64 query heads share 8 KV heads; use_sliding_window: false, so no layer uses a window.</source>
        <translation>GQA：64 个查询头共享 8 个键值头；use_sliding_window 为 false，因此没有任何层使用窗口。</translation>
    </message>
    <message>
        <source>GQA: 16 query heads share 8 KV heads of width 256.</source>
        <translation>GQA：16 个查询头共享 8 个宽度为 256 的键值头。</translation>
    </message>
    <message>
        <source>GQA: 32 query heads share 16 KV heads of width 128.</source>
        <translation>GQA：32 个查询头共享 16 个宽度为 128 的键值头。</translation>
    </message>
    <message>
        <source>MoE: 160 routed experts (6 per token) + 2 shared; layer 0 is dense.</source>
        <translation>混合专家（MoE）：160 个路由专家（每个词元用 6 个）+ 2 个共享专家；第 0 层是稠密层。</translation>
    </message>
    <message>
        <source>MoE: 256 routed experts (8 per token) + 1 shared; layers 0–2 are dense. The 14B multi-token-prediction module (num_nextn_predict_layers: 1) is not counted: it is optional at inference.</source>
        <translation>混合专家（MoE）：256 个路由专家（每个词元用 8 个）+ 1 个共享专家；第 0–2 层是稠密层。14B 的多词元预测模块（num_nextn_predict_layers: 1）不计入：推理时它是可选的。</translation>
    </message>
    <message>
        <source>{sentence} {next}</source>
        <translation>{sentence}{next}</translation>
    </message>
</context>
<context>
    <name>memory.report</name>
    <message>
        <source>{name} must be an integer in 1..{most}, got {value}</source>
        <translation>{name} 必须是 1..{most} 之间的整数，实际为 {value}</translation>
    </message>
</context>
<context>
    <name>memory.serving</name>
    <message>
        <source>{name} must be an integer in {low}..{high}, got {value}</source>
        <extracomment>Activations and runtime per GPU unless told otherwise: an assumption, not a measurement (vLLM logs ~1.4 GiB of activation peak and non-torch memory for an 8B model at its default batch of tokens).</extracomment>
        <translation>{name} 必须是 {low}..{high} 之间的整数，实际为 {value}</translation>
    </message>
    <message>
        <source>--gpu-util must be above 0 and at most 1, got {value}</source>
        <translation>--gpu-util 必须大于 0 且不超过 1，实际为 {value}</translation>
    </message>
    <message>
        <source>--shared-prefix ({prefix}) must be shorter than --context ({context})</source>
        <translation>--shared-prefix（{prefix}）必须小于 --context（{context}）</translation>
    </message>
    <message>
        <source>tensor parallelism {tp} does not divide the {heads} attention heads</source>
        <translation>张量并行度 {tp} 不能整除 {heads} 个注意力头</translation>
    </message>
    <message>
        <source>tensor parallelism {tp} and {kv_heads} K/V heads: neither divides the other</source>
        <translation>张量并行度 {tp} 与 {kv_heads} 个键值头互不整除</translation>
    </message>
    <message>
        <source>pipeline parallelism {pp} exceeds the {layers} layers</source>
        <translation>流水线并行度 {pp} 超过了层数 {layers}</translation>
    </message>
    <message>
        <source>1 GPU</source>
        <translation>1 个 GPU</translation>
    </message>
    <message>
        <source>each of the {tp} tensor-parallel GPUs</source>
        <translation>{tp} 个张量并行 GPU 中的每一个</translation>
    </message>
    <message>
        <source>MLA: the latent is shared by all query heads and held whole</source>
        <translation>MLA：潜在向量由所有查询头共享，完整保存</translation>
    </message>
    <message>
        <source>MLA: the latent ({latent} + {rope} per token and layer) is shared by all query heads, so it cannot be split by heads: {gpus} holds all of it (as vLLM does), and the cache per GPU is not divided by tp</source>
        <translation>MLA：潜在向量（每个词元每层 {latent} + {rope}）由所有查询头共享，因此无法按头切分：{gpus}都保存完整的一份（与 vLLM 相同），每个 GPU 的缓存不会随 tp 减少</translation>
    </message>
    <message>
        <source>1 K/V head</source>
        <translation>1 个键值头</translation>
    </message>
    <message>
        <source>{count} K/V heads</source>
        <translation>{count} 个键值头</translation>
    </message>
    <message>
        <source>{tp} GPUs but {kv_heads} K/V heads: {gpus} holds {heads}, and each head is replicated on {replication} GPUs (as vLLM does), so the cache per GPU is 1/{kv_heads} of the model&apos;s, not 1/{tp}</source>
        <translation>{tp} 个 GPU 但只有 {kv_heads} 个键值头：{gpus}保存 {heads}，每个头复制到 {replication} 个 GPU 上（与 vLLM 相同），因此每个 GPU 的缓存是整个模型的 1/{kv_heads}，而不是 1/{tp}</translation>
    </message>
    <message>
        <source>{gpus} holds {heads} of {kv_heads}</source>
        <translation>{gpus}保存 {kv_heads} 个中的 {heads}</translation>
    </message>
    <message>
        <source>1 GPU holds all {heads}</source>
        <translation>1 个 GPU 保存全部 {heads}</translation>
    </message>
    <message>
        <source>all {layers} layers on every GPU</source>
        <translation>每个 GPU 上都有全部 {layers} 层</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <source>{layers} layers in {stages} stages of {split}; the fullest is stage {stage} (layers {first}–{last})</source>
        <translation>{layers} 层分为 {stages} 个阶段，每段 {split} 层；最满的是第 {stage} 段（第 {first}–{last} 层）</translation>
    </message>
</context>
<context>
    <name>memory.sources</name>
    <message>
        <source>unknown model {model} (known: {known}; or give a path to a config.json)</source>
        <translation>未知模型 {model}（已知：{known}；或给出 config.json 的路径）</translation>
    </message>
    <message>
        <source>kvviz tiny model</source>
        <translation>kvviz 微型模型</translation>
    </message>
    <message>
        <source>The model this app runs; its cache bytes are measured from the tensors in the engine.</source>
        <translation>本应用运行的模型；它的缓存字节数是从引擎里的张量实测得到的。</translation>
    </message>
</context>
<context>
    <name>memory.spec</name>
    <message>
        <source>dtype must be one of {choices}, got {value}</source>
        <extracomment>Counts above this (2⁵³, about 9·10¹⁵) describe no model; refusing them keeps every figure a finite float.</extracomment>
        <translation>数据类型必须是 {choices} 之一，实际为 {value}</translation>
    </message>
    <message>
        <source>a {digits}-digit number</source>
        <translation>一个 {digits} 位的数</translation>
    </message>
    <message>
        <source>{where}: {name} must be a positive integer, got {value}</source>
        <translation>{where}：{name} 必须是正整数，实际为 {value}</translation>
    </message>
    <message>
        <source>{where}: {name} must be an integer of at least {minimum}, got {value}</source>
        <translation>{where}：{name} 必须是不小于 {minimum} 的整数，实际为 {value}</translation>
    </message>
    <message>
        <source>{where}: {name} is {value}, beyond any model (at most 2^53)</source>
        <translation>{where}：{name} 为 {value}，超出任何模型的范围（最多 2^53）</translation>
    </message>
    <message>
        <source>every layer</source>
        <translation>每一层</translation>
    </message>
    <message>
        <source>the {count} even layers of {layers}</source>
        <translation>{layers} 层中的 {count} 个偶数层</translation>
    </message>
    <message>
        <source>{count} of {layers} layers</source>
        <translation>{layers} 层中的 {count} 层</translation>
    </message>
    <message>
        <source>{model}: n_kv_heads ({kv_heads}) must divide n_heads ({heads})</source>
        <translation>{model}：n_kv_heads（{kv_heads}）必须整除 n_heads（{heads}）</translation>
    </message>
    <message>
        <source>{model}: sliding layers need a positive sliding_window</source>
        <translation>{model}：滑动窗口层需要正的 sliding_window</translation>
    </message>
    <message>
        <source>{model}: sliding layer index outside 0..{last}</source>
        <translation>{model}：滑动窗口层的索引超出 0..{last}</translation>
    </message>
    <message>
        <source>{model}: experts per token must lie in 1..{experts}</source>
        <translation>{model}：每个词元的专家数必须在 1..{experts} 之间</translation>
    </message>
    <message>
        <source>{model}: dtype must be one of {choices}, got {value}</source>
        <translation>{model}：数据类型必须是 {choices} 之一，实际为 {value}</translation>
    </message>
    <message>
        <source>MLA, latent {latent} + RoPE key {rope}</source>
        <translation>MLA，潜在向量 {latent} + RoPE 键 {rope}</translation>
    </message>
    <message>
        <source>1 KV head</source>
        <translation>1 个键值头</translation>
    </message>
    <message>
        <source>{count} KV heads</source>
        <translation>{count} 个键值头</translation>
    </message>
    <message>
        <source>{kind}, {heads} × {head_dim}</source>
        <translation>{kind}，{heads} × {head_dim}</translation>
    </message>
    <message>
        <source>, window {window} on {layers}</source>
        <translation>，{layers}使用 {window} 的窗口</translation>
    </message>
</context>
<context>
    <name>memory.text</name>
    <message>
        <source>weights do not fit</source>
        <translation>权重放不下</translation>
    </message>
    <message>
        <source>not one token</source>
        <translation>一个词元也放不下</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>无限制</translation>
    </message>
    <message>
        <source>{tokens} (trained)</source>
        <translation>{tokens}（训练长度）</translation>
    </message>
    <message>
        <source>{tokens} tokens (trained context; memory: {memory})</source>
        <translation>{tokens} 个词元（训练时的上下文长度；按显存：{memory}）</translation>
    </message>
    <message>
        <source>unlimited (cache stops at the window)</source>
        <translation>无限制（缓存在窗口处停止增长）</translation>
    </message>
    <message>
        <source>{tokens} tokens</source>
        <translation>{tokens} 个词元</translation>
    </message>
    <message>
        <source>{count} billion</source>
        <translation>{count}×10⁹</translation>
    </message>
    <message>
        <source>{count} million</source>
        <translation>{count}×10⁶</translation>
    </message>
    <message>
        <source>the config names no torch_dtype: float16 assumed</source>
        <translation>配置未给出 torch_dtype：假定为 float16</translation>
    </message>
    <message>
        <source>as asked</source>
        <translation>按指定</translation>
    </message>
    <message>
        <source>the config&apos;s torch_dtype</source>
        <translation>配置中的 torch_dtype</translation>
    </message>
    <message>
        <source>config: {dtype}</source>
        <translation>配置：{dtype}</translation>
    </message>
    <message>
        <source>note: {context} tokens is beyond the model&apos;s trained context ({trained})</source>
        <translation>注意：{context} 个词元超出了模型训练时的上下文长度（{trained}）</translation>
    </message>
    <message>
        <source>{count} parameters</source>
        <translation>{count} 个参数</translation>
    </message>
    <message>
        <source> ({count} active per token)</source>
        <translation>（每个词元激活 {count} 个）</translation>
    </message>
    <message>
        <source>; trained context {tokens} tokens</source>
        <translation>；训练上下文长度 {tokens} 个词元</translation>
    </message>
    <message>
        <source>1 sequence</source>
        <translation>1 条序列</translation>
    </message>
    <message>
        <source>{count} sequences</source>
        <translation>{count} 条序列</translation>
    </message>
    <message>
        <source>{attention}; {layers} layers, {heads} query heads; {params}{trained}</source>
        <translation>{attention}；{layers} 层，{heads} 个查询头；{params}{trained}</translation>
    </message>
    <message>
        <source>Weights in {dtype} ({source}); KV cache in {scheme}</source>
        <translation>权重为 {dtype}（{source}）；键值缓存（KV cache）为 {scheme}</translation>
    </message>
    <message>
        <source>assumed: {text}</source>
        <translation>假定：{text}</translation>
    </message>
    <message>
        <source>KV cache per token</source>
        <translation>每词元键值缓存</translation>
    </message>
    <message>
        <source>KV cache</source>
        <translation>键值缓存</translation>
    </message>
    <message>
        <source>for {tokens} tokens × {sequences}</source>
        <translation>对应 {tokens} 个词元 × {sequences}</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>{count} parameters × {size} B</source>
        <translation>{count} 个参数 × {size} B</translation>
    </message>
    <message>
        <source>Weights + cache</source>
        <translation>权重 + 缓存</translation>
    </message>
    <message>
        <source>memory (nvidia-smi)</source>
        <translation>显存（nvidia-smi）</translation>
    </message>
    <message>
        <source>free after weights</source>
        <translation>放下权重后剩余</translation>
    </message>
    <message>
        <source>fits</source>
        <translation>放得下</translation>
    </message>
    <message>
        <source>longest context</source>
        <translation>最长上下文</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>(weights {weights} + attention {attention})</source>
        <translation>（权重 {weights} + 注意力 {attention}）</translation>
    </message>
    <message>
        <source>FLOPs per generated token at context {context}</source>
        <translation>上下文为 {context} 时每生成一个词元的 FLOPs</translation>
    </message>
    <message>
        <source>with KV cache</source>
        <translation>使用键值缓存</translation>
    </message>
    <message>
        <source>without cache</source>
        <translation>不使用缓存</translation>
    </message>
    <message>
        <source>, {ratio}× the cached cost</source>
        <translation>，是使用缓存时的 {ratio}×</translation>
    </message>
    <message>
        <source>Units: exact bytes; KiB/MiB/GiB are binary (1 GiB = 2^30 B), kB/MB/GB decimal (1 GB = 10^9 B);</source>
        <translation>单位：精确字节数；KiB/MiB/GiB 为二进制单位（1 GiB = 2^30 B），kB/MB/GB 为十进制单位（1 GB = 10^9 B）；</translation>
    </message>
    <message>
        <source>GPU memory is the total nvidia-smi reports, in MiB.</source>
        <translation>GPU 显存为 nvidia-smi 报告的总量，单位 MiB。</translation>
    </message>
    <message>
        <source>Counted: weights and KV cache only, not activations, workspace, fragmentation or the runtime&apos;s reserve.</source>
        <translation>只计入权重和键值缓存，不计激活值、工作区、碎片和运行时的预留。</translation>
    </message>
    <message>
        <source>(weights and allowance do not fit)</source>
        <translation>（权重和预留量已放不下）</translation>
    </message>
    <message>
        <source>Serving on {gpus}: tensor parallel {tp}, pipeline parallel {pp}; {context}-token sequences, blocks of {block}</source>
        <translation>在 {gpus} 上提供推理服务：张量并行 {tp}，流水线并行 {pp}；每条序列 {context} 个词元，每块 {block} 个词元</translation>
    </message>
    <message>
        <source>K/V heads</source>
        <translation>键值头</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Per GPU (the fullest):</source>
        <translation>每个 GPU（以最满的为准）：</translation>
    </message>
    <message>
        <source>memory</source>
        <translation>显存</translation>
    </message>
    <message>
        <source>{size} reported; × {fraction} usable = {usable}</source>
        <translation>报告值 {size}；× {fraction} 可用 = {usable}</translation>
    </message>
    <message>
        <source>weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>activations etc.</source>
        <translation>激活值等</translation>
    </message>
    <message>
        <source>(allowance, assumed: set with --overhead)</source>
        <translation>（预留量，为假定值：用 --overhead 设置）</translation>
    </message>
    <message>
        <source>left for the cache</source>
        <translation>留给缓存</translation>
    </message>
    <message>
        <source>KV per token</source>
        <translation>每词元键值</translation>
    </message>
    <message>
        <source>({dtype}, this GPU&apos;s layers and heads)</source>
        <translation>（{dtype}，本 GPU 上的层和头）</translation>
    </message>
    <message>
        <source>cache holds</source>
        <translation>缓存容量</translation>
    </message>
    <message>
        <source>{blocks} blocks = {tokens} tokens</source>
        <translation>{blocks} 块 = {tokens} 个词元</translation>
    </message>
    <message>
        <source>Concurrent sequences of {context} tokens: {count}  ({bytes} B per sequence per GPU, whole blocks)</source>
        <translation>{context} 词元序列的最大并发数：{count}  （每条序列每个 GPU {bytes} B，按整块计）</translation>
    </message>
    <message>
        <source>With a shared {prefix}-token prefix: {count} sequences (the prefix&apos;s {blocks} full blocks held once; saves {saving} per GPU)</source>
        <translation>共享 {prefix} 个词元的前缀时：{count} 条序列（前缀的 {blocks} 个完整块只保存一份；每个 GPU 节省 {saving}）</translation>
    </message>
</context>
<context>
    <name>paging</name>
    <message>
        <source>must be a positive integer, got {value}</source>
        <translation>必须是正整数，实际为 {value}</translation>
    </message>
    <message>
        <source>must be positive, got {value}</source>
        <translation>必须为正数，实际为 {value}</translation>
    </message>
    <message>
        <source>no free block for sequence {sequence} at token {token}</source>
        <translation>序列 {sequence} 在词元 {token} 处没有空闲块</translation>
    </message>
    <message>
        <source>need at least one sequence</source>
        <translation>至少需要一条序列</translation>
    </message>
    <message>
        <source>each must lie in 0..context_length ({context}), got {value}</source>
        <translation>每个都必须在 0..context_length（{context}）之间，实际为 {value}</translation>
    </message>
</context>
<context>
    <name>policy</name>
    <message>
        <source>must be one of {choices}, got {value}</source>
        <translation>必须是 {choices} 之一，实际为 {value}</translation>
    </message>
    <message>
        <source>applies only to the window and sink policies</source>
        <translation>只适用于 window 和 sink 策略</translation>
    </message>
    <message>
        <source>must be a positive integer for the {policy} policy, got {value}</source>
        <translation>{policy} 策略要求为正整数，实际为 {value}</translation>
    </message>
    <message>
        <source>apply only to the sink policy</source>
        <translation>只适用于 sink 策略</translation>
    </message>
    <message>
        <source>must be a positive integer for the sink policy, got {value}</source>
        <translation>sink 策略要求为正整数，实际为 {value}</translation>
    </message>
    <message>
        <source>sinks + window ({sinks} + {window}) must not exceed context_length ({context})</source>
        <translation>sinks + window（{sinks} + {window}）不能超过 context_length（{context}）</translation>
    </message>
    <message>
        <source>Full cache: generation stops at the context length ({context} tokens).</source>
        <translation>完整缓存：生成在达到上下文长度（{context} 个词元）时停止。</translation>
    </message>
    <message>
        <source>Sliding window: only the last {window} tokens keep their K and V in the cache; older ones are evicted, so generation slides on past the context length.</source>
        <translation>滑动窗口：只有最近的 {window} 个词元的键和值保留在缓存中；更早的被驱逐，因此生成可以越过上下文长度继续滑动。</translation>
    </message>
    <message>
        <source>Sinks + window: the first {sinks} tokens keep their K and V as attention sinks and the last {window} slide; the K and V of everything in between are evicted.</source>
        <translation>注意力汇聚（sink）+ 窗口：开头 {sinks} 个词元的键和值作为注意力汇聚保留，最近的 {window} 个随窗口滑动；二者之间所有词元的键和值都被驱逐。</translation>
    </message>
</context>
<context>
    <name>reference</name>
    <message>
        <source>must be one of {choices}, got {value}</source>
        <extracomment>The user&apos;s choice: run the reference when it is affordable, always, or never. The most one uncached pass may cost for ``auto`` to run it: a few seconds a step on a laptop&apos;s CPU (GPT-2-124M&apos;s shape ran at about 20 GFLOP/s on the test machine). GPT-2-124M at 256 tokens (46 GFLOP) runs it, at 1,024 tokens (213 GFLOP) it is off; the default tiny model needs 0.5 GFLOP at its 256 tokens, and only the panel&apos;s largest shapes (8 layers × d_model 512 at 1,024 tokens: 69 GFLOP) pass the budget.</extracomment>
        <translation>必须是 {choices} 之一，实际为 {value}</translation>
    </message>
    <message>
        <source>switched off by the user</source>
        <translation>已被用户关闭</translation>
    </message>
    <message>
        <source>switched off for this model: one pass over {tokens} tokens costs {flops}, over the {budget} a step may take (turn it on to run it anyway)</source>
        <translation>对此模型已关闭：对 {tokens} 个词元的一次前向需要 {flops}，超过了每步允许的 {budget}（打开它即可强制运行）</translation>
    </message>
</context>
<context>
    <name>shape_change</name>
    <message>
        <source>{n} layer</source>
        <translation>{n} 层</translation>
    </message>
    <message>
        <source>{n} layers</source>
        <translation>{n} 层</translation>
    </message>
    <message>
        <source>{n} K/V head</source>
        <translation>{n} 个键值头</translation>
    </message>
    <message>
        <source>{n} K/V heads</source>
        <translation>{n} 个键值头</translation>
    </message>
    <message>
        <source>{n} head</source>
        <translation>{n} 个头</translation>
    </message>
    <message>
        <source>{n} heads</source>
        <translation>{n} 个头</translation>
    </message>
    <message>
        <source>batch {n}</source>
        <translation>批大小 {n}</translation>
    </message>
    <message>
        <source>{dtype} cache</source>
        <translation>{dtype} 缓存</translation>
    </message>
    <message>
        <source>window {window}</source>
        <translation>窗口 {window}</translation>
    </message>
    <message>
        <source>{sinks} sinks + window {window}</source>
        <translation>{sinks} 个汇聚 + 窗口 {window}</translation>
    </message>
    <message>
        <source>× 1 (no factor changed)</source>
        <translation>× 1（没有因子改变）</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>tokens in cache</source>
        <translation>缓存中的词元数</translation>
    </message>
    <message>
        <source>layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>kv-heads</source>
        <translation>键值头数</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>字节数</translation>
    </message>
    <message>
        <source>bytes per vector</source>
        <translation>每个向量的字节数</translation>
    </message>
</context>
<context>
    <name>training</name>
    <message>
        <source>this Python has no pydoc_data.topics to train on: {reason}</source>
        <translation>此 Python 没有可用于训练的 pydoc_data.topics：{reason}</translation>
    </message>
    <message>
        <source>must be a positive integer, got {value}</source>
        <translation>必须是正整数，实际为 {value}</translation>
    </message>
    <message>
        <source>must be a non-negative integer, got {value}</source>
        <translation>必须是非负整数，实际为 {value}</translation>
    </message>
    <message>
        <source>must be positive, got {value}</source>
        <translation>必须为正数，实际为 {value}</translation>
    </message>
    <message>
        <source>too large: a training step&apos;s logits alone take {needed} (batch × context × {vocab} × 4 bytes), more than this machine&apos;s {available} of memory</source>
        <translation>过大：一个训练步仅 logits 就需要 {needed}（批大小 × 上下文长度 × {vocab} × 4 字节），超过本机 {available} 的内存</translation>
    </message>
    <message>
        <source>training runs in float32 (the checkpoint is stored in half), got {value}</source>
        <translation>训练以 float32 进行（检查点以半精度存储），实际为 {value}</translation>
    </message>
    <message>
        <source>must be shorter than the training text ({bytes} bytes)</source>
        <translation>必须短于训练文本（{bytes} 字节）</translation>
    </message>
</context>
<context>
    <name>variants</name>
    <message>
        <source>{layers} layers, {kv_heads} of {heads} kv-heads ({kind})</source>
        <extracomment>Where the shipped checkpoints live (the top-level assets/ folder, mapped into the package).</extracomment>
        <translation>{layers} 层，{heads} 个头共享 {kv_heads} 个键值头（{kind}）</translation>
    </message>
    <message>
        <source>has no trained model ({note})</source>
        <extracomment>The default shape first: the model every entry point starts with.</extracomment>
        <translation>没有训练好的模型（{note}）</translation>
    </message>
    <message>
        <source>no trained model has {layers} layers, {heads} heads, {kv_heads} kv-heads, d_model {d_model}: random weights (trained: {trained})</source>
        <translation>没有 {layers} 层、{heads} 个头、{kv_heads} 个键值头、d_model {d_model} 的训练好的模型：改用随机权重（已训练的形状：{trained}）</translation>
    </message>
</context>
</TS>
