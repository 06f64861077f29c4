<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
    <name>evaluation</name>
    <message>
        <source>must be fewer than the window ({window}) they share, got {value}</source>
        <extracomment>Window W of the eviction rows, and the sinks S that the sinks row keeps out of the same budget.</extracomment>
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
