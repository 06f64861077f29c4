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
        <source>Animation export cancelled; nothing was saved</source>
        <translation>已取消导出动画；未保存任何内容</translation>
    </message>
    <message>
        <source>Encoding…</source>
        <translation>正在编码…</translation>
    </message>
    <message>
        <source>Export animation</source>
        <translation>导出动画</translation>
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
    <name>ModelControls</name>
    <message>
        <source>Full cache</source>
        <extracomment>Shape controls that saved weights fix (the rest of SHAPE_FIELDS has no control). Cache policy kinds as the selector names them.</extracomment>
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
    <name>Workspace</name>
    <message>
        <source>Model</source>
        <extracomment>Windows less tall than this put the data docks in the left column too (see Workspace._place_docks). The least a dock&apos;s scrolled content is given, in pixels: it scrolls below this. Each dock&apos;s title, short enough for its tab among four in the left column of a 1280×720 window, and its name in the View menu where that is longer.</extracomment>
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
</TS>
