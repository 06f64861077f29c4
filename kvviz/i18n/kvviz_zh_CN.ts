<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
    <name>MemoryPanel</name>
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
    <message>
        <source>tiny — this app&apos;s model ({attention}, {dtype})</source>
        <translation>tiny — 本应用的模型（{attention}，{dtype}）</translation>
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
</TS>
