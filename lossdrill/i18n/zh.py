"""The Chinese catalog: English template → Simplified Chinese template (same {fields}).

Every literal passed to ``_()`` in lossdrill/ has an entry (tests/base/test_i18n.py checks it), and
so do the message tables of diagnose.py and failures.py.
"""

from __future__ import annotations

CATALOG: dict[str, str] = {
    # -- the command line
    "wrote {target} — implement {functions}, then run `lossdrill check {target}`":
        "已写入 {target}——请实现 {functions}，然后运行 `lossdrill check {target}`",
    "--memory {text}: expected a size such as 512M or 2G":
        "--memory {text}：应为 512M 或 2G 这样的大小",
    "--memory {text}: at least {minimum} is needed to run Python with NumPy":
        "--memory {text}：运行带 NumPy 的 Python 至少需要 {minimum}",
    "{path}: {id} has no `plot` key, so no curve to draw; drop --plot (curves: {curves})":
        "{path}：{id} 没有 `plot` 键，无法绘制曲线；去掉 --plot（有曲线的练习：{curves}）",
    "{function} against {axis}": "{function} 随 {axis} 的变化",
    "{file}: is a folder; pass the Python file to watch":
        "{file}：这是一个文件夹；请传入要监视的 Python 文件",
    "{file}: no such file; check the path (or `lossdrill start EX` to create one)":
        "{file}：文件不存在；请检查路径（或用 `lossdrill start EX` 创建一个）",
    "--format {fmt}: expected one of {choices}": "--format {fmt}：应为 {choices} 之一",
    "{file}: is a folder; pass the Python file to check":
        "{file}：这是一个文件夹；请传入要检查的 Python 文件",
    "lossdrill: warning: {message}": "lossdrill: 警告：{message}",
    "--lang {lang}: expected one of {choices}": "--lang {lang}：应为 {choices} 之一",
    "lossdrill: error: {message}": "lossdrill: 错误：{message}",
    "lossdrill: aborted": "lossdrill: 已中止",
    "none in this pack": "本练习包中没有",
    # -- comparisons
    "returned {got}, expected {expected}": "返回了 {got}，应为 {expected}",
    "returned {got}, expected {expected}: compute in float64 (lower precision keeps only "
    "~{digits} digits)":
        "返回了 {got}，应为 {expected}：请用 float64 计算"
        "（更低的精度只保留约 {digits} 位有效数字）",
    " at index {where}": "（索引 {where}）",
    "returned {value}{spot} where the reference is finite ({expected})":
        "返回了 {value}{spot}，而参考答案是有限值（{expected}）",
    "expected {expected}, got {got}": "应为 {expected}，实际为 {got}",
    "{count} of {size} elements differ; worst{at}: expected {expected}, got {got}":
        "{size} 个元素中有 {count} 个不同；最大偏差{at}：应为 {expected}，实际为 {got}",
    " (abs error {abs}": "（绝对误差 {abs}",
    ", rel error {rel})": "，相对误差 {rel}）",
    "wrong value": "值错误",
    "a single number (a scalar)": "单个数（标量）",
    "shape {shape}": "形状 {shape}",
    "a scalar": "标量",
    "an array of shape {shape}": "形状为 {shape} 的数组",
    "returned NaN or ∞ where the reference is finite": "在参考答案为有限值处返回了 NaN 或 ∞",
    "returned ": "返回了 ",
    # -- diagnoses
    "The file does not define `{name}`{instead}. The grader calls the functions by the names "
    "the exercise gives.":
        "文件中没有定义 `{name}`{instead}。评分程序按练习给出的名字调用函数。",
    " (found {names}": "（找到了 {names}",
    " — did you mean to name `{close}` `{name}`?)": "——是不是想把 `{close}` 命名为 `{name}`？）",
    "Your results differ from the right ones on {count} test(s), with no simple pattern (no "
    "constant factor, no listed mistake): go through the formula of the statement term by "
    "term on the worked example, whose expected value the report shows.":
        "你的结果在 {count} 个测试上与正确结果不同，且没有简单的规律（既不是常数倍，也不是已知的"
        "常见错误）：请对照题目中的公式，在示例上逐项演算，报告中给出了示例的期望值。",
    "Your result is N times the right one: did you sum instead of averaging? Divide by the "
    "number of elements (or use np.mean).":
        "你的结果是正确结果的 N 倍：是不是求和而没有求平均？请除以元素个数（或用 np.mean）。",
    "Your result is the right one divided by N: is the average taken twice?":
        "你的结果是正确结果除以 N：是不是求了两次平均？",
    "Your result is N/(N−1) times the right one: divide by N, not N − 1 (this is a mean, not "
    "an unbiased estimate).":
        "你的结果是正确结果的 N/(N−1) 倍：应除以 N，而不是 N − 1（这是平均值，不是无偏估计）。",
    "This function is not written yet: replace `raise NotImplementedError` with your "
    "implementation.":
        "这个函数还没有实现：请把 `raise NotImplementedError` 替换为你的实现。",
    "Python cannot parse the file: {message}. Fix that line first.":
        "Python 无法解析该文件：{message}。请先修正那一行。",
    "The file failed while being imported: {message}": "导入文件时失败：{message}",
    "The file raised an exception while being imported: {message}. Code at the top level runs "
    "on import; keep it inside functions.":
        "导入文件时抛出了异常：{message}。顶层代码在导入时就会运行；请把它放在函数内部。",
    "Importing the file {message}: is there a loop or a long computation at the top level?":
        "导入文件时{message}：顶层是否有循环或耗时很长的计算？",
    "The file ran out of memory while being imported.": "导入文件时超出了内存上限。",
    "{message} while being imported.": "导入时{message}。",
    "The file ended the process while being imported ({message}); remove sys.exit / exit() "
    "from the top level.":
        "导入文件时进程被结束（{message}）；请从顶层删除 sys.exit / exit()。",
    "Your function modifies its arguments in place (for example `y_pred -= y_true`). A loss "
    "must not change its inputs: the caller still needs them. Work on new arrays: "
    "`diff = y_pred - y_true`.":
        "你的函数原地修改了参数（例如 `y_pred -= y_true`）。损失函数不能改变输入：调用者还需要"
        "它们。请在新数组上计算：`diff = y_pred - y_true`。",
    "Your function raised an exception on valid input: {message}":
        "你的函数在合法输入上抛出了异常：{message}",
    "Your function {message}; it must return numbers (a float, or a NumPy array for array "
    "results).":
        "你的函数{message}；它必须返回数值（一个 float，数组结果则返回 NumPy 数组）。",
    "Your function's result could not be read: {message}.": "无法读取你的函数的结果：{message}。",
    "A call {message}: look for an infinite loop, or a loop far slower than it needs to be.":
        "一次调用{message}：请检查是否有死循环，或远比必要更慢的循环。",
    "Your function ran out of memory: avoid building huge intermediate arrays.":
        "你的函数超出了内存上限：避免构造巨大的中间数组。",
    "{message} during a call.": "调用期间{message}。",
    "Your function ended the process ({message}); return a value instead of exiting.":
        "你的函数结束了进程（{message}）；请返回一个值，而不是退出。",
    "Your result has the wrong shape: {brief}. A loss is a single number: reduce with np.mean "
    "(and float() it if you like); a gradient has the shape of what it differentiates.":
        "你的结果形状不对：{brief}。损失是单个数：用 np.mean 归约（愿意的话再用 float() "
        "转换）；梯度的形状与求导对象的形状相同。",
    "Your result is {brief}. Compute in float64 (convert with np.asarray(x, dtype=float)) so "
    "the answer keeps its digits.":
        "你的结果是 {brief}。请用 float64 计算（用 np.asarray(x, dtype=float) 转换），"
        "这样结果才能保留足够的精度。",
    "Your result is NaN or infinite where the right answer is finite: guard the edges (clip "
    "probabilities, subtract the max before exp).":
        "在正确答案为有限值的地方，你的结果是 NaN 或无穷大：请处理边界情况（裁剪概率，"
        "在 exp 之前减去最大值）。",
    "Your function {brief}.": "你的函数{brief}。",
    "Your function accepted input it must reject: raise the exception the statement names for "
    "it.":
        "你的函数接受了必须拒绝的输入：请抛出题目中为此指定的异常。",
    "Your result is exactly twice the right one: is there a factor 2 too many (or a ½ "
    "missing)?":
        "你的结果恰好是正确结果的两倍：是不是多乘了 2（或少了 ½）？",
    "Your result is exactly half the right one: is there an extra ½ (or a factor 2 missing)?":
        "你的结果恰好是正确结果的一半：是不是多了 ½（或少乘了 2）？",
    "Your result has the right size but the wrong sign: check the minus sign.":
        "你的结果大小正确但符号相反：请检查负号。",
    "Your result is the right one divided by ln 2: you used log base 2; use the natural "
    "logarithm (np.log).":
        "你的结果是正确结果除以 ln 2：你用了以 2 为底的对数；请使用自然对数（np.log）。",
    "Your result is the right one divided by ln 10: you used log base 10; use the natural "
    "logarithm (np.log).":
        "你的结果是正确结果除以 ln 10：你用了以 10 为底的对数；请使用自然对数（np.log）。",
    # -- failed calls
    "modified an argument in place, but inputs are read-only: work on a copy (`{line}`)":
        "原地修改了参数，但输入是只读的：请在副本上计算（`{line}`）",
    "raised an exception:\n{traceback}": "抛出了异常：\n{traceback}",
    "raised {name}": "抛出了 {name}",
    "sys.exit or os._exit was called": "调用了 sys.exit 或 os._exit",
    "modified an argument in place, but inputs are read-only: work on a copy":
        "原地修改了参数，但输入是只读的：请在副本上计算",
    "returned something that is not a number or an array of numbers":
        "返回的既不是数，也不是数值数组",
    "ran out of memory": "超出了内存上限",
    "the function is missing": "缺少该函数",
    # -- grading
    "{count} characters printed during hidden tests are not shown":
        "隐藏测试期间打印的 {count} 个字符不予显示",
    "not run: `{name}` is not defined": "未运行：`{name}` 没有定义",
    "returned {value} ": "返回了 {value}，",
    "{shown}instead of raising {exception}{why}": "{shown}而没有抛出 {exception}{why}",
    "raised {name}, expected {exception}{why}": "抛出了 {name}，应抛出 {exception}{why}",
    "not run: the file could not be loaded": "未运行：文件无法加载",
    # -- pinpointed feedback
    "{count} of {total} samples differ{where}, with no simple rule":
        "{total} 个样本中有 {count} 个不同{where}，没有简单的规律",
    "every sample on its own gives the right value: the mistake is in how the per-sample terms "
    "are combined (average over all of them, once)":
        "每个样本单独计算时都正确：错误在于如何合并各样本的项（应对所有样本求一次平均）",
    "every sample's value is wrong": "每个样本的值都是错的",
    " (samples {indices})": "（样本 {indices}）",
    "{which} is off by the same factor, ×{factor}": "{which}都相差同一个倍数，×{factor}",
    "{count} of {total} samples differ: exactly those where {label}":
        "{total} 个样本中有 {count} 个不同：恰好是{label}的那些",
    "every sample": "每个样本",
    "every sample whose term is not 0": "每个项不为 0 的样本",
    "every sample differs, and in every one {label}": "每个样本都不同，而且每个样本中{label}",
    # -- properties
    "returned a negative value: a loss is never below zero": "返回了负值：损失永远不会小于零",
    "is not zero where it must be (a perfect prediction costs nothing)":
        "在必须为零的地方不为零（完美预测没有代价）",
    "changes when the samples are shuffled: a mean over samples must not depend on their order":
        "打乱样本顺序后结果改变了：对样本的平均不应依赖于它们的顺序",
    "changes when a constant is added to every logit of a row: subtract the row's maximum, the "
    "result must not depend on it":
        "给一行的每个 logit 加上同一个常数后结果改变了：请减去该行的最大值，结果不应依赖于它",
    "is not symmetric: swapping {a} and {b} changes the result":
        "不对称：交换 {a} 和 {b} 会改变结果",
    # -- the report
    "Tests: {names}": "测试：{names}",
    "{exercises} exercises, {checks} checks: ": "{exercises} 个练习，{checks} 项检查：",
    "test": "测试",
    "kind": "类型",
    "points": "分值",
    "result": "结果",
    "input {name}": "输入 {name}",
    "expected": "期望值",
    "got": "实际值",
    "largest error": "最大误差",
    "id": "编号",
    "slug": "短名",
    "title": "标题",
    "difficulty": "难度",
    "topics": "主题",
    "progress": "进度",
    "; and {count} hidden": "；另有 {count} 个隐藏测试",
    "exercise": "练习",
    "check": "检查项",
    "detail": "详情",
    "all hold": "全部通过",
    "{count} to fix": "{count} 项需要修正",
    "Start with `lossdrill start {id}`, check with `lossdrill check {id}.py`; {count} hints "
    "with `lossdrill hint {id}`.":
        "用 `lossdrill start {id}` 开始，用 `lossdrill check {id}.py` 检查；"
        "`lossdrill hint {id}` 提供 {count} 条提示。",
    "seed {seed}": "种子 {seed}",
    " (hidden)": "（隐藏）",
    "({count} more characters)": "（还有 {count} 个字符）",
    " (as above)": "（同上）",
    "sample by sample (reference → yours):": "逐个样本（参考答案 → 你的结果）：",
    "Define:": "需要定义：",
    "Score": "得分",
    "Diagnosis": "诊断",
    "Your code printed": "你的代码的输出",
    "Protections: ": "防护措施：",
    "(given: you do not write this one)": "（已给出：这个函数不需要你写）",
    "; ": "；",
    "loss ({label}) ": "损失（{label}） ",
    "value": "数值",
    "raises": "异常",
    "gradient": "梯度",
    "property": "性质",
    "task": "任务",
    "passed": "通过",
    "failed": "未通过",
    "error": "出错",
    "skipped": "跳过",
    "reference": "参考答案",
    "learner": "你的",
    # -- the learner's screens
    "the statement, the formula, an example": "题目、公式和一个示例",
    "grade it on every save (h hint, s statement, n next, q quit)":
        "每次保存时评分（h 提示，s 题目，n 下一题，q 退出）",
    "grade it once": "评分一次",
    "the next hint ({used} of {total} used)": "下一条提示（已用 {used}/{total} 条）",
    "every exercise, with your progress": "所有练习及你的进度",
    "attempts, best scores and hints, per exercise": "每个练习的检查次数、最高分和提示",
    "hint {n}/{total}: {text}": "提示 {n}/{total}：{text}",
    "(that was the last hint)": "（这是最后一条提示）",
    "lossdrill — learn the loss functions of machine learning by writing them":
        "lossdrill——动手编写，学会机器学习的损失函数",
    "Progress  ": "进度  ",
    "  {passed} of {total} exercises passed": "  已通过 {passed}/{total} 个练习",
    "write {file} with the functions to fill in": "写出 {file}，其中有待你填写的函数",
    "1 hidden test": "1 个隐藏测试",
    "{count} hidden tests": "{count} 个隐藏测试",
    " (last {shown} of {count} lines)": "（共 {count} 行，显示最后 {shown} 行）",
    " · {checks} checks · {hints} hints": " · 检查 {checks} 次 · 提示 {hints} 条",
    "Next      ": "下一题    ",
    "Go on with:": "接下来：",
    "not started": "未开始",
    "best {best} after 1 check": "检查 1 次，最高 {best}",
    "best {best} after {count} checks": "检查 {count} 次，最高 {best}",
    "Every test passes. Press n for the next exercise.": "所有测试都通过了。按 n 进入下一题。",
    "Your code printed{more}:": "你的代码的输出{more}：",
    "Every exercise passed. `lossdrill progress` shows how it went.":
        "所有练习都已通过。`lossdrill progress` 可查看学习过程。",
    # -- grading: restarts, gradient tests, tasks
    "not run: an earlier call to {function} did not finish within {seconds} s":
        "未运行：之前对 {function} 的一次调用未能在 {seconds} 秒内完成",
    "not run: the learner process stopped too often (see the tests above)":
        "未运行：运行你代码的进程意外终止的次数过多（见上面的测试）",
    "does not match the reference gradient": "与参考实现的梯度不符",
    "does not match the reference gradient: {details}": "与参考实现的梯度不符：{details}",
    "is not the derivative of your own {loss}: central differences give a different slope":
        "不是你自己的 {loss} 的导数：中心差分给出的斜率不同",
    "is not the derivative of the {loss}: central differences give a different slope":
        "不是 {loss} 的导数：中心差分给出的斜率不同",
    "is not the derivative of your own {loss}: central differences give {fd} at index "
    "{index}, your gradient {grad}":
        "不是你自己的 {loss} 的导数：在索引 {index} 处，中心差分给出 {fd}，你的梯度为 {grad}",
    "is not the derivative of the {loss}: central differences give {fd} at index {index}, "
    "your gradient {grad}":
        "不是 {loss} 的导数：在索引 {index} 处，中心差分给出 {fd}，你的梯度为 {grad}",
    "finite differences could not be taken: your {loss} did not return a number":
        "无法计算有限差分：你的 {loss} 没有返回一个数",
    "finite differences could not be taken: your {loss} {failure}":
        "无法计算有限差分：你的 {loss} {failure}",
    "training stopped: {reason}": "训练中止：{reason}",
    # -- the learner process, seen from the grader
    "the learner process is not running": "运行你代码的进程已不在运行",
    "did not finish within {seconds} s": "未能在 {seconds} 秒内完成（超时）",
    "sent an invalid result: {error}": "发回了无效的结果：{error}",
    "the learner process was killed by {signal}{hint}": "运行你代码的进程被 {signal} 终止{hint}",
    " (often the memory cap)": "（通常是超出了内存上限）",
    " (the CPU time cap)": "（超出了 CPU 时间上限）",
    "the learner process closed its channel to the grader":
        "运行你代码的进程关闭了与评分程序的通信通道",
    "the learner process exited (code {code}) — sys.exit or os._exit":
        "运行你代码的进程退出了（退出码 {code}）——调用了 sys.exit 或 os._exit",
    "own process and session; {seconds} s per call and for the import":
        "独立的进程和会话；每次调用及导入限时 {seconds} 秒",
    "memory cap {mib} MiB (RLIMIT_AS)": "内存上限 {mib} MiB（RLIMIT_AS）",
    "output captured and capped at {kib} KiB": "输出被捕获，上限 {kib} KiB",
    "the whole process group killed at the end": "结束时终止整个进程组",
    # -- tasks
    "{what} failed: {message}": "{what} 失败：{message}",
    "{what} did not return a finite number": "{what} 没有返回一个有限的数",
    "{what} did not return {n} finite numbers": "{what} 没有返回 {n} 个有限的数",
    "hinge_loss at epoch {epoch}": "第 {epoch} 轮的 hinge_loss",
    "hinge_grad at epoch {epoch}": "第 {epoch} 轮的 hinge_grad",
    "held-out accuracy {acc:.3f} (reference {ref:.3f}, needed ≥ {need:.2f}); loss "
    "{first:.4g} → {last:.4g} (reference {ref_last:.4g})":
        "留出集准确率 {acc:.3f}（参考实现 {ref:.3f}，要求 ≥ {need:.2f}）；损失 "
        "{first:.4g} → {last:.4g}（参考实现 {ref_last:.4g}）",
    "{summary}; the loss curve leaves the reference run at epoch {epoch} ({got:.6g} vs "
    "{want:.6g})":
        "{summary}；损失曲线在第 {epoch} 轮偏离了参考实现的训练（你的 {got:.6g}，参考实现 "
        "{want:.6g}）",
    "{summary}; accuracy too low": "{summary}；准确率太低",
    "{what} did not return a pair (w, b)": "{what} 没有返回二元组 (w, b)",
    "{what}: w is not {d} finite numbers": "{what}：w 不是 {d} 个有限的数",
    "{what}: b is not a finite number": "{what}：b 不是一个有限的数",
    "held-out accuracy {acc:.3f} (reference {ref:.3f}, needed ≥ {need:.2f}); w = {w}, "
    "b = {b:.4g}":
        "留出集准确率 {acc:.3f}（参考实现 {ref:.3f}，要求 ≥ {need:.2f}）；w = {w}，b = {b:.4g}",
    "{summary}; the reference run ends at w = {w}, b = {b:.4g}: follow the update rule of the "
    "statement exactly":
        "{summary}；参考实现的训练结束于 w = {w}，b = {b:.4g}：请严格按照题目给出的更新规则",
    "{what} did not return a list of {k} (train_idx, val_idx) pairs":
        "{what} 没有返回由 {k} 个 (train_idx, val_idx) 二元组组成的列表",
    "{what}: item {f} is not a (train_idx, val_idx) pair":
        "{what}：第 {f} 项不是 (train_idx, val_idx) 二元组",
    "{what}: fold {f} does not hold 1-D arrays of integer indices":
        "{what}：第 {f} 折不是由整数索引组成的一维数组",
    "kfold_indices({n}, {k}) returns scikit-learn's KFold folds, which give the n % k extra "
    "samples to the first folds; here fold f validates on [f·n//k, (f+1)·n//k)":
        "kfold_indices({n}, {k}) 返回的是 scikit-learn 的 KFold 划分，它把多出的 n % k 个样本"
        "分给前几折；这里第 f 折的验证集是 [f·n//k, (f+1)·n//k)",
    "kfold_indices({n}, {k}): fold {f} validates on {got}, expected the contiguous block "
    "{want} = [{start}, {stop})":
        "kfold_indices({n}, {k})：第 {f} 折的验证集是 {got}，应为连续区间 {want} = "
        "[{start}, {stop})",
    "kfold_indices({n}, {k}): fold {f} trains on {got}, expected every other index in "
    "increasing order, {want}":
        "kfold_indices({n}, {k})：第 {f} 折的训练集是 {got}，应为其余全部索引，按递增顺序：{want}",
    "contiguous folds for (n, k) = {cases}": "(n, k) = {cases} 时各折都是连续区间",
    "{what} did not return a pair (scores, best)": "{what} 没有返回二元组 (scores, best)",
    "{what}: scores must be a dict with the keys {keys}":
        "{what}：scores 必须是以 {keys} 为键的字典",
    "{what}: scores[{name}] is not a finite number": "{what}：scores[{name}] 不是一个有限的数",
    "{what}: best must be one of {choices}": "{what}：best 必须是 {choices} 之一",
    "validation MAE of the {name} model: {score:.6g}, the reference run gives {ref:.6g}; "
    "follow the statement's folds, training loop and scoring exactly":
        "{name} 模型的验证 MAE：{score:.6g}，参考实现的运行给出 {ref:.6g}；请严格按照题目中的"
        "折划分、训练循环和评分方式",
    "scores {shown}: best = {best}, but the lowest score (the smallest validation error) is "
    "what cross-validation picks":
        "得分 {shown}：best = {best}，但交叉验证选的是得分最低（验证误差最小）的那个",
    "scores {shown}: best = {best} on data with outliers, where a robust loss (mae or huber) "
    "must win":
        "得分 {shown}：在含离群点的数据上选了 best = {best}，而这里应当胜出的是稳健损失"
        "（mae 或 huber）",
    "{n} samples with {percent}% outliers, {k} folds: {shown}; chose {best}":
        "{n} 个样本（{percent}% 为离群点），{k} 折：{shown}；选择了 {best}",
    "MSE w.r.t. the predictions (vector)": "MSE 对预测值（向量）",
    "MSE w.r.t. the predictions (matrix)": "MSE 对预测值（矩阵）",
    "softmax cross-entropy w.r.t. the logits": "softmax 交叉熵对 logits",
    "ridge objective w.r.t. the weights": "岭回归目标函数对权重",
    "Σ x³ (not quadratic)": "Σ x³（非二次函数）",
    "numerical_grad failed on {what}: {message}": "numerical_grad 在 {what} 上失败：{message}",
    "no array": "非数组的值",
    "numerical_grad returned {shape} for {what}, expected shape {expected} (the shape of x)":
        "numerical_grad 在 {what} 上返回了{shape}，应为形状 {expected}（即 x 的形状）",
    "on {what} (h = {h:g}), element {index}: analytic gradient {exact:.8g}, yours {got:.8g} "
    "(error {error:.2g}); central differences are within ~1e-8 here":
        "在 {what} 上（h = {h:g}），元素 {index}：解析梯度为 {exact:.8g}，你的为 {got:.8g}"
        "（误差 {error:.2g}）；这里中心差分的误差应在 ~1e-8 以内",
    "matches the analytic gradients of MSE, softmax cross-entropy, ridge and two non-quadratic "
    "functions (largest error {worst:.2g})":
        "与 MSE、softmax 交叉熵、岭回归及两个非二次函数的解析梯度一致（最大误差 {worst:.2g}）",
    # -- properties
    "did not return numbers": "没有返回数值",
    "returned shape {shape}, expected the input's shape":
        "返回的形状为 {shape}，应与输入的形状相同",
    "cannot be checked: the test needs 0 < p < 1 and a non-zero x":
        "无法检查：该测试需要 0 < p < 1，且 x 不全为零",
    "the result": "结果",
    "the training MSE (item 0)": "训练 MSE（第 0 项）",
    "{what} decreases somewhere, and it cannot": "{what} 在某处减小了，但它不可能减小",
    "zeroed {dropped:.1%} of the entries, too far from the rate p: keep an entry where "
    "rng.random(x.shape) >= p and zero it otherwise":
        "把 {dropped:.1%} 的元素置零，与丢弃率 p 相差太远：在 rng.random(x.shape) >= p 处保留元素，"
        "其余置零",
    "changes the mean: the output averages {mean:.3g} times the input instead of 1; scale the "
    "entries that are kept by 1/(1 − p) (inverted dropout)":
        "改变了均值：输出平均是输入的 {mean:.3g} 倍，而不是 1 倍；请把保留的元素乘以 1/(1 − p)"
        "（inverted dropout）",
    "did not return a (loss, gradient) pair": "没有返回二元组 (loss, gradient)",
    "returned an item {i} that is not numbers": "返回的第 {i} 项不是数值",
    "returned a gradient of shape {shape}, expected the shape of {wrt} {expected}":
        "返回的梯度形状为 {shape}，应与 {wrt} 的形状 {expected} 相同",
    "returned a loss (item {i}) that is not a single number": "返回的损失（第 {i} 项）不是单个数",
    "returns a gradient (item {gi}) that is not the derivative of its own loss (item {li}) "
    "with respect to {wrt}: central differences give a different slope":
        "返回的梯度（第 {gi} 项）不是它自己的损失（第 {li} 项）对 {wrt} 的导数："
        "中心差分给出的斜率不同",
    # -- sweeps and plots
    "at x = {x:.3g}: {problem}": "在 x = {x:.3g} 处：{problem}",
    "at x = {x:.3g}: did not return a single number": "在 x = {x:.3g} 处：没有返回单个数",
    "at x = {x:.3g}: returned {value!r}": "在 x = {x:.3g} 处：返回了 {value!r}",
    "  {label}: no value {problem}": "  {label}：没有值，{problem}",
    ")": "）",
    "abs {abs}{rel}": "绝对误差 {abs}{rel}",
    ", rel {rel}": "，相对误差 {rel}",
    "yours": "你的",
    "Training loss by epoch — {name}": "各轮训练损失 — {name}",
    "epoch": "轮次",
    "Your {function} against the reference's": "你的 {function} 与参考实现的对比",
    # -- validate
    "{first} and {second} share the {attr} '{value}'; rename one":
        "{first} 和 {second} 的 {attr} 都是 '{value}'；请重命名其中一个",
    "{count} hints": "{count} 条提示",
    "{count} hint(s); write at least {least}, from a nudge to nearly the answer":
        "只有 {count} 条提示；请至少写 {least} 条，从轻轻点拨到几乎给出答案",
    "no variant: add MISTAKES['{id}'] to {file}":
        "没有对应的变体：请在 {file} 中添加 MISTAKES['{id}']",
    "MISTAKES['{id}'] is not listed under mistakes in {file}":
        "MISTAKES['{id}'] 没有列在 {file} 的 mistakes 中",
    " and {count} more": " 以及另外 {count} 项",
    "no zh text for {shown}: write them as {{en: …, zh: …}} in {file}":
        "{shown} 没有中文（zh）文本：请在 {file} 中写成 {{en: …, zh: …}}",
    "seed {seed}: test '{test}' {status}: {message} — fix the reference, the test or its "
    "tolerance":
        "种子 {seed}：测试 '{test}' {status}：{message}——请修正参考实现、该测试或它的容差",
    "{seeds} seeds": "{seeds} 个种子",
    "the starter does not define {names}; check the signatures":
        "起始文件没有定义 {names}；请检查函数签名",
    "the starter passes every test: the tests check nothing":
        "起始文件通过了所有测试：这些测试什么也没检查",
    "the variant passes every test: add a test it fails":
        "该变体通过了所有测试：请添加一个它无法通过的测试",
    "diagnosed as {names}": "被诊断为 {names}",
    "not diagnosed": "没有被诊断出来",
    "fails but is {what}: make the variant differ on a failing test, or list it before the "
    "mistake it is taken for":
        "未通过测试，但{what}：请让该变体在某个未通过的测试上结果不同，或把它列在被误认成的那个"
        "错误之前",
    # -- watch mode
    "h hint · s statement · n next exercise · l list · r re-check · q quit":
        "h 提示 · s 题目 · n 下一题 · l 列表 · r 重新检查 · q 退出",
    "{folder}: cannot watch this folder any more ({error})":
        "{folder}：无法再监视这个文件夹（{error}）",
    "{folder}: the folder went away; watch it again": "{folder}：文件夹不见了；请重新开始监视",
    "{folder}: the folder was deleted; create it again and restart `lossdrill watch`":
        "{folder}：文件夹已被删除；请重新创建它，再重新运行 `lossdrill watch`",
    "{file} does not exist (deleted, or not saved yet): waiting for it to appear.":
        "{file} 不存在（已被删除，或尚未保存）：正在等待它出现。",
    " (restarted: the previous check was stopped)": "（已重新开始：上一次检查被中止）",
    "⟳ checking {file}…{note}": "⟳ 正在检查 {file}…{note}",
    "warning: {warning}": "警告：{warning}",
    "That was the last exercise.": "这已经是最后一个练习了。",
    "{target} exists: watching it (never overwritten)": "{target} 已存在：改为监视它（不会覆盖）",
    "wrote {target}: implement {functions}": "已写入 {target}：请实现 {functions}",
    # -- lossdrill progress
    "checks": "检查次数",
    "first pass": "首次通过",
    "best": "最高分",
    "hints": "提示",
    "total": "合计",
    "{passed}/{total} passed": "已通过 {passed}/{total}",
    " (check {count})": "（第 {count} 次检查）",
    "{path}: cannot read progress ({error}); starting afresh":
        "{path}：无法读取进度（{error}）；从头开始记录",
    "{path}: unreadable progress file set aside as {name}; starting afresh":
        "{path}：进度文件无法读取，已另存为 {name}；从头开始记录",
    # -- starter files
    "{title} — implement the functions below, then run `lossdrill check` on this file.":
        "{title}——请实现下面的函数，然后对这个文件运行 `lossdrill check`。",
    "`lossdrill show {id}` shows the statement; `lossdrill hint {id}` gives a hint.":
        "`lossdrill show {id}` 显示题目；`lossdrill hint {id}` 给出一条提示。",
    "{target}: already exists; pass --force to overwrite it, or give another path":
        "{target}：已存在；传入 --force 覆盖它，或换一个路径",
    "{folder}: no such folder; create it or choose another path":
        "{folder}：文件夹不存在；请创建它或另选一个路径",
    # -- the instructor's commands
    "--exercises {text}: give exercise ids such as ex1,ex3":
        "--exercises {text}：请给出练习编号，如 ex1,ex3",
    "--exercises: {error}": "--exercises：{error}",
    "{folder}: no such folder of submissions; check the path":
        "{folder}：提交文件夹不存在；请检查路径",
    "--out {out}: inside the submissions folder {submissions}; write the results elsewhere "
    "(e.g. --out graded)":
        "--out {out}：位于提交文件夹 {submissions} 之内；请把结果写到别处（例如 --out graded）",
    "{id} {slug}: {visible} visible tests (answers recorded), {hidden} hidden tests left out":
        "{id} {slug}：{visible} 个可见测试（已记录答案），{hidden} 个隐藏测试未包含",
    "wrote {out}: students run `lossdrill check FILE --pack {out}` offline":
        "已写入 {out}：学生可离线运行 `lossdrill check FILE --pack {out}`",
    "--hidden-visibility {value}: expected one of {choices}":
        "--hidden-visibility {value}：应为 {choices} 之一",
    "wrote {out} and {archive}: upload {name} as the assignment's autograder on Gradescope":
        "已写入 {out} 和 {archive}：请在 Gradescope 上把 {name} 上传为该作业的自动评分程序",
    "wrote {out}: push it as the assignment's template repository":
        "已写入 {out}：请把它推送为该作业的模板仓库",
    # pinpoint.array_pattern
    "every element is off by the same factor, ×{factor}": "每个元素都差了同一个倍数：×{factor}",
    "every element is off by the same amount, {offset:+.4g}":
        "每个元素都差了同一个量：{offset:+.4g}",
    "whole rows are wrong{which}, the others right: look at what a row shares":
        "整行出错{which}，其余各行正确：看看这些行有什么共同点",
    "whole columns are wrong{which}, the others right: is the axis right?":
        "整列出错{which}，其余各列正确：轴（axis）选对了吗？",
    "the worst elements: {spots}": "误差最大的元素：{spots}",
    "{index} expected {expected}, got {got}": "{index} 应为 {expected}，实际为 {got}",
    # Limits and confinement of the learner process.
    "files written up to {mib} MiB each (RLIMIT_FSIZE)":
        "写入的文件每个最多 {mib} MiB（RLIMIT_FSIZE）",
    # -- range checks of the command line's numbers, output folders and the roster
    "{option} {value}: expected a whole number from {low} to {high}; {fix}":
        "{option} {value}：应为 {low} 到 {high} 之间的整数；{fix}",
    "{option} {value}: expected a number from {low:g} to {high:g}; {fix}":
        "{option} {value}：应为 {low:g} 到 {high:g} 之间的数；{fix}",
    "give the seed a check printed, or leave --seed out for a fresh one":
        "请给出某次检查打印的种子，或省略 --seed 以使用新种子",
    "give seconds such as 10 or 2.5, or leave --timeout out for the exercise's own":
        "请给出秒数，如 10 或 2.5，或省略 --timeout 以使用练习自己的时限",
    "20 is plenty for a pack's review": "检查一个练习包用 20 个就足够了",
    "0.95 reports near-copies, 1 only identical code":
        "0.95 报告近乎抄袭的代码，1 只报告完全相同的代码",
    "this machine has {cores} cores; leave --jobs out for one check per core":
        "本机有 {cores} 个核心；省略 --jobs 即每个核心运行一个检查",
    "--memory {text}: more than this machine's memory ({machine}); give at most {machine}":
        "--memory {text}：超过了本机的内存（{machine}）；最多给 {machine}",
    "{path}: the roster is empty; give a CSV with a header line such as `id,name`":
        "{path}：名单为空；请给出带表头行（如 `id,name`）的 CSV",
    "{path}:{line}: no id column in the header; name one of its columns id, student_id, sid, "
    "username, github or email":
        "{path}:{line}：表头中没有编号列；请把其中一列命名为 id、student_id、sid、username、"
        "github 或 email",
    "{path}:{line}: no student id in column '{column}'; fill it in or delete the line":
        "{path}:{line}：'{column}' 列中没有学生编号；请填上或删除这一行",
    "{path}:{line}: student '{id}' is listed twice (first on line {first}); keep one line per "
    "student":
        "{path}:{line}：学生 '{id}' 出现了两次（第一次在第 {first} 行）；每名学生只保留一行",
    "{path}: no such roster file; check the path to --roster":
        "{path}：名单文件不存在；请检查 --roster 的路径",
    "{path}: cannot read the roster ({why}); save it as UTF-8 CSV":
        "{path}：无法读取名单（{why}）；请把它保存为 UTF-8 编码的 CSV",
    "{path}: cannot read the roster (not UTF-8 text); save it as UTF-8 CSV":
        "{path}：无法读取名单（不是 UTF-8 文本）；请把它保存为 UTF-8 编码的 CSV",
    "{path}: not a regular file (a folder, a pipe or a device); give the roster's CSV file to "
    "--roster":
        "{path}：不是普通文件（而是文件夹、管道或设备）；请把名单的 CSV 文件交给 --roster",
    "{path}: larger than {limit} MB, too large for a roster; give the class list as CSV":
        "{path}：大于 {limit} MB，作为名单太大了；请以 CSV 给出班级名单",
    "{path}:{line}: not readable as CSV ({error}); save the roster as CSV":
        "{path}:{line}：无法按 CSV 读取（{error}）；请把名单保存为 CSV",
    "{option} {out}: the name {name}… is too long for this file system (at most {limit} bytes "
    "here); choose a shorter one":
        "{option} {out}：名称 {name}… 对这个文件系统来说太长（这里最多 {limit} 字节）；"
        "请换一个短一些的",
    "{option} {out}: the path is too long for this file system; choose a shorter one":
        "{option} {out}：路径对这个文件系统来说太长；请换一个短一些的",
    "{option} {out}: is a file; give a folder (new, or a previous output of this command)":
        "{option} {out}：是一个文件；请给出文件夹（新的，或本命令以前的输出）",
    "{option} {out}: {file} is a file, so no folder can be made under it; give a path through "
    "folders":
        "{option} {out}：{file} 是一个文件，无法在其下创建文件夹；请给出一条只经过文件夹的路径",
    "{option} {out}: cannot write in {folder} (read-only or not yours); choose a folder you can "
    "write":
        "{option} {out}：无法写入 {folder}（只读或不属于你）；请选择你能写入的文件夹",
    "{option} {out}: {why}; choose another folder": "{option} {out}：{why}；请选择另一个文件夹",
    "{file}: {reason}; check the path, its permissions and the free space":
        "{file}：{reason}；请检查路径、权限和剩余空间",
    "lossdrill: error: {message}; see `{command} --help`":
        "lossdrill: 错误：{message}；参见 `{command} --help`",
    # safe reading of a learner's file (safefile.py, notebook.py, a class's summary)
    "a named pipe (FIFO)": "命名管道（FIFO）",
    "a socket": "套接字",
    "a character device": "字符设备",
    "a block device": "块设备",
    "a folder": "文件夹",
    "not a regular file": "不是普通文件",
    "{file}: is a symbolic link, which is not followed; put the file itself there":
        "{file}：是符号链接，不会被跟随；请把文件本身放在那里",
    "{file}: is {kind}, not a file; use the Python file or notebook itself":
        "{file}：是{kind}，不是文件；请使用 Python 文件或笔记本本身",
    "{file}: no such file; check the path": "{file}：文件不存在；请检查路径",
    "{file}: cannot be read ({reason}); check that it is a file you may read":
        "{file}：无法读取（{reason}）；请确认这是你有权读取的文件",
    "{file}: is {size}, more than the {limit} a learner's file may be; keep the source alone "
    "(clear a notebook's outputs)":
        "{file}：大小为 {size}，超过了学习者文件的上限 {limit}；只保留源代码（清除笔记本的输出）",
    "{file}: not UTF-8 text (byte 0x{byte:02x} at offset {offset}); save the notebook from "
    "Jupyter again":
        "{file}：不是 UTF-8 文本（偏移 {offset} 处的字节 0x{byte:02x}）；"
        "请在 Jupyter 中重新保存该笔记本",
    "{file}: not a Jupyter notebook (its JSON nests too deep); save it from Jupyter again":
        "{file}：不是 Jupyter 笔记本（其 JSON 嵌套过深）；请在 Jupyter 中重新保存",
    " at line {line}": "，第 {line} 行",
    "{file}: not a Jupyter notebook (invalid JSON{where}); save it from Jupyter again, or "
    "check a .py file":
        "{file}：不是 Jupyter 笔记本（JSON 无效{where}）；请在 Jupyter 中重新保存，或检查 .py 文件",
    "save it with a current Jupyter (nbformat 4)": "请用新版 Jupyter（nbformat 4）保存",
    "save it from Jupyter again": "请在 Jupyter 中重新保存",
    "{file}: not a Jupyter notebook (no 'cells' list); {fix}":
        "{file}：不是 Jupyter 笔记本（没有 'cells' 列表）；{fix}",
    "{file}: cells[{index}].source: expected text; save the notebook from Jupyter again":
        "{file}：cells[{index}].source：应为文本；请在 Jupyter 中重新保存该笔记本",
    "{file}: cells[{index}].source holds {char}, half of a character (a lone surrogate), "
    "which is not text; delete it and save the notebook again":
        "{file}：cells[{index}].source 含有 {char}，这是半个字符（孤立代理项），不是文本；"
        "请删除它并重新保存笔记本",
    "not graded (not a regular file, too large or unreadable; the student's row says so)":
        "未评分（不是普通文件、过大或无法读取；该学生的记录中有说明）",
    ", {count} files not gradable": "，{count} 个文件无法评分",
    # grade --similar: submissions that match the pack's reference solution
    "matches the pack's reference solution (names and comments aside)":
        "与题包的参考答案一致（不计名称和注释）",
    # lossdrill new: the skeleton of a new exercise
    "{file}: already exists; `lossdrill new` never overwrites: move it away, or choose another "
    "id or slug":
        "{file}：已存在；`lossdrill new` 从不覆盖文件：请把它移走，或换一个编号或短名",
    "{folder}: no such folder; create it, or pass --pack with the folder of the pack":
        "{folder}：没有这个文件夹；请先创建它，或用 --pack 指定题包所在的文件夹",
    "{folder}: holds specs itself; pass the folder above it (a pack holds exercises/ and "
    "solutions/)":
        "{folder}：它本身就存放题目描述；请指定它的上一级文件夹"
        "（题包包含 exercises/ 和 solutions/）",
    "{id}: not an exercise id; write ex and its number, such as {next}":
        "{id}：不是题目编号；请写 ex 加编号，例如 {next}",
    "{slug}: not a slug; write a lowercase letter, then up to 29 lowercase letters, digits or "
    "_, such as hinge_sq":
        "{slug}：不是合法的短名；请以小写字母开头，后接至多 29 个小写字母、数字或 _，例如 hinge_sq",
    "{slug}: a slug that reads as an exercise id would be taken for one; name the loss "
    "instead, such as hinge_sq":
        "{slug}：看起来像题目编号的短名会被当成编号；请改用损失的名字，例如 hinge_sq",
    "--mistake {mistake}: write up to 40 lowercase letters, digits or -, such as "
    "sum-instead-of-mean":
        "--mistake {mistake}：请写至多 40 个小写字母、数字或 -，例如 sum-instead-of-mean",
    "{file}: is {id} already; choose another id (the next free one is {next})":
        "{file}：已经是 {id}；请换一个编号（下一个可用的是 {next}）",
    "{file}: is {slug} already; choose another slug":
        "{file}：已经是 {slug}；请换一个短名",
    "wrote {file}": "已写入 {file}",
    "next: replace every TODO (docs/authoring.md says what goes where), then run `lossdrill "
    "validate {pack}` and `python -m pytest {test}`":
        "下一步：替换每一处 TODO（docs/authoring.md 说明了各处该写什么），然后运行 "
        "`lossdrill validate {pack}` 和 `python -m pytest {test}`",
    # grade: which file is graded, one id from several folders, regrading with fewer exercises
    "duplicates set aside (the file graded: its first line names the exercise, then its "
    "name is exactly the exercise's, then the latest resubmission)":
        "搁置的重复文件（评分所用文件的顺序：首行注明该练习的文件，其次是文件名与练习名完全一致的文件，"
        "再次是最新一次重新提交的文件）",
    "one student id from several folders (merged: check that they are one person)":
        "多个文件夹对应同一个学生编号（已合并：请确认是同一个人）",
    "kept from the earlier grading in this folder (from the cache)":
        "沿用此文件夹中上次评分的结果（来自缓存）",
    "left out of the earlier grading in this folder (pass them to --exercises to grade them "
    "again)":
        "未沿用此文件夹中上次评分的练习（将它们加入 --exercises 即可重新评分）",
    "not on the roster (graded anyway)": "不在名单上（仍已评分）",
    "no exercise recognised (name them exN.py or add `# lossdrill: exN`)":
        "未识别出练习（请命名为 exN.py，或在首行写 `# lossdrill: exN`）",
    "skipped (symbolic links to folders, unreadable folders)":
        "已跳过（指向文件夹的符号链接、无法读取的文件夹）",
    "near-identical code (identifiers and comments ignored)": "几乎相同的代码（不计标识符和注释）",
    # grade: the class report page (report.html)
    "Class report": "班级报告",
    "{students} students, {exercises} exercises ({layout}); written {when} by lossdrill "
    "{version}":
        "{students} 名学生，{exercises} 个练习（{layout}）；由 lossdrill {version} 于 {when} 生成",
    "Exercises": "练习",
    "Test pass rates": "各测试的通过率",
    "Most common diagnoses": "最常见的诊断",
    "Students": "学生",
    "Similar code": "相似的代码",
    "Needs a look": "需要查看",
    "submitted": "已提交",
    "mean": "平均",
    "full marks": "满分",
    "Scores of {count} students, from 0 to {most}": "{count} 名学生的得分，从 0 到 {most}",
    "scores from {low} to {high}: {count}": "得分在 {low} 到 {high} 之间：{count}",
    "scores from {low} to {high}, full marks included: {count}":
        "得分在 {low} 到 {high} 之间（含满分）：{count}",
    "The share of the submissions of each exercise that pass each test; hover over a cell "
    "(or read the table) for the test's name.":
        "每个练习的提交中通过各项测试的比例；将鼠标悬停在格子上（或查看下表）可看到测试名称。",
    "The tests, by number": "按编号列出的测试",
    "hidden": "隐藏",
    "no submissions": "没有提交",
    "{name}: {passed} of {ran} submissions pass": "{name}：{ran} 份提交中有 {passed} 份通过",
    "{count} students": "{count} 名学生",
    "1 student": "1 名学生",
    "the message differs between students; each student's feedback has theirs":
        "各学生得到的说明不同；每位学生的反馈中有各自的说明",
    "no diagnosis": "没有诊断",
    "Filter students": "筛选学生",
    "student": "学生",
    "name": "姓名",
    "feedback": "反馈",
    "diagnoses": "诊断",
    "not on the roster": "不在名单上",
    "not submitted": "未提交",
    "Pairs of submissions alike once names, comments and literals are set aside, rarest "
    "shared code first. Marked lines hold code both files share beyond the starter. Evidence "
    "for a person to look at, not a verdict.":
        "不计名称、注释和字面量后相似的提交对，共享代码越罕见越靠前。标出的行是两个文件在初始代码之外"
        "共有的代码。这是供人查看的证据，不是结论。",
    "{exercise}: {ratio} alike, weight {weight}": "{exercise}：相似度 {ratio}，权重 {weight}",
    "more in results.json: {count}": "results.json 中还有：{count}",
    "Submissions that match the reference solution": "与参考答案一致的提交",
    "Marked lines hold code the pack's reference solution holds too (the reference is not "
    "shown).": "标出的行是题包参考答案中也有的代码（不显示参考答案本身）。",
    "{exercise}: {ratio} of its code is the reference's":
        "{exercise}：其代码的 {ratio} 与参考答案相同",
    "lines not shown: {count}": "未显示的行：{count}",
    "could not be read again: {why}": "无法再次读取：{why}",
    "lines marked: {count}": "标出的行：{count}",
    "Not compared: grade with --similar to compare submissions.":
        "未比较：使用 --similar 评分即可比较各提交。",
    "No pair of submissions reached the threshold.": "没有哪一对提交达到阈值。",
    "Nothing: every file was graded, every student is on the roster.":
        "没有：每个文件都已评分，每位学生都在名单上。",
    "This page is one file: it loads nothing from the network; print it or mail it as it is.":
        "本页面是单个文件，不从网络加载任何内容；可以直接打印或通过邮件发送。",
    # export github-classroom: the wheel the template carries
    "build one with `pip wheel --no-deps .` in a checkout of lossdrill":
        "可在 lossdrill 的源代码目录中用 `pip wheel --no-deps .` 构建一个",
    "--wheel {path}: not a lossdrill wheel file (lossdrill-VERSION-py3-none-any.whl); {fix}":
        "--wheel {path}：不是 lossdrill 的 wheel 文件（lossdrill-版本-py3-none-any.whl）；{fix}",
    "--wheel {path}: not a lossdrill wheel (no lossdrill package or .dist-info in it); {fix}":
        "--wheel {path}：不是 lossdrill 的 wheel（其中没有 lossdrill 包或 .dist-info）；{fix}",
    "cannot make a wheel of the lossdrill running from {package} (not installed with pip); "
    "pass --wheel PATH, or --install with what CI should install":
        "无法为运行于 {package} 的 lossdrill 生成 wheel（并非用 pip 安装）；"
        "请传入 --wheel PATH，或用 --install 指定 CI 应安装的内容",
    "cannot build a wheel of {checkout} ({why}); pass --wheel PATH, or --install with what CI "
    "should install":
        "无法为 {checkout} 构建 wheel（{why}）；"
        "请传入 --wheel PATH，或用 --install 指定 CI 应安装的内容",
    "--wheel and --install: give one (the wheel the template carries, or what CI installs "
    "instead)":
        "--wheel 与 --install：只能给出其一（模板携带的 wheel，或 CI 改为安装的内容）",
    # Spec errors, exercise lookup and validation messages, in the learner's language
    "the built-in exercises are missing from this installation; reinstall lossdrill":
        "此安装缺少内置练习；请重新安装 lossdrill",
    "{folder}: no such exercise folder; pass a folder holding exercises/ (or unset "
    "LOSSDRILL_EXERCISES)":
        "{folder}：没有这个练习文件夹；请传入包含 exercises/ 的文件夹（或取消设置 "
        "LOSSDRILL_EXERCISES）",
    "unknown exercise '{name}'; `lossdrill list` shows them ({known}, …)":
        "未知练习 '{name}'；`lossdrill list` 会列出所有练习（{known}，…）",
    "{file}: cannot tell which exercise this file is for; add a first line `# lossdrill: ex1`, "
    "name the file ex1.py, or pass --exercise ex1":
        "{file}：无法判断这个文件对应哪个练习；请在第一行写 `# lossdrill: ex1`、把文件命名为 "
        "ex1.py，或传入 --exercise ex1",
    "{file}: cannot tell which exercise this notebook is for; start its first cell with "
    "`# lossdrill: ex1`, name it ex1.ipynb, or pass --exercise ex1":
        "{file}：无法判断这个笔记本对应哪个练习；请让第一个单元格以 `# lossdrill: ex1` 开头、"
        "把它命名为 ex1.ipynb，或传入 --exercise ex1",
    "{folder}: no exercise specs (*.yaml) found": "{folder}：没有找到练习规格文件（*.yaml）",
    "{path}: cannot read the spec ({reason})": "{path}：无法读取规格文件（{reason}）",
    "{path}: cannot read the spec (not UTF-8 text: {reason} at byte {byte}); save it as UTF-8":
        "{path}：无法读取规格文件（不是 UTF-8 文本：第 {byte} 字节处 {reason}）；请以 UTF-8 保存",
    "{path}{where}: invalid YAML: {problem}; fix the syntax":
        "{path}{where}：YAML 无效：{problem}；请修正语法",
    "the key '{key}' is given twice": "键 '{key}' 出现了两次",
    "{path}: expected a mapping of keys (id, slug, title, …) at the top level":
        "{path}：顶层应为键的映射（id、slug、title、…）",
    "{path}: {problem}": "{path}：{problem}",
    "{path}: tests[{i}].{key}: '{name}' is not one of the exercise's functions ({names}); add "
    "it under functions or fix the name":
        "{path}：tests[{i}].{key}：'{name}' 不是该练习的函数之一（{names}）；请在 functions "
        "下添加它，或改正名称",
    "{path}: tests[{i}].args.{name}.copy_of: '{copied}' is not an argument of this test "
    "({names})":
        "{path}：tests[{i}].args.{name}.copy_of：'{copied}' 不是这个测试的参数（{names}）",
    "{path}: tests[{i}].wrt: '{wrt}' is not one of the test's args ({names}); name the argument "
    "to differentiate":
        "{path}：tests[{i}].wrt：'{wrt}' 不是该测试的参数之一（{names}）；请写明要求导的参数",
    "none": "无",
    "{path}: tests[{i}].name: '{name}' is also the name of tests[{first}]; test names must be "
    "unique (a name also seeds the test's random inputs)":
        "{path}：tests[{i}].name：'{name}' 也是 tests[{first}] 的名称；测试名称必须唯一"
        "（名称也决定测试随机输入的种子）",
    "{path}: mistakes[{i}].id: '{id}' is listed twice":
        "{path}：mistakes[{i}].id：'{id}' 被列出了两次",
    "{path}: plot.{problem}": "{path}：plot.{problem}",
    "{path}: a text given per language needs its 'en' version":
        "{path}：按语言给出的文本需要有 'en' 版本",
    "{path}.{lang}: expected text, got {type}": "{path}.{lang}：应为文本，实际是 {type}",
    "every dimension must be at least 1": "每一维都必须至少为 1",
    "expected [low, high] with low < high": "应为 [low, high]，且 low < high",
    "expected a number": "应为数字",
    "expected an integer": "应为整数",
    "expected text": "应为文本",
    "expected true or false": "应为 true 或 false",
    "expected a list": "应为列表",
    "expected a mapping": "应为映射",
    "missing required key": "缺少必需的键",
    "unknown key": "未知的键",
    "expected {allowed}": "应为 {allowed}",
    "expected one of the allowed values": "应为允许的值之一",
    "{expected}, got {shown}": "{expected}，实际是 {shown}",
    " (and {count} more)": "（另有 {count} 处）",
    "{loc}.kind: expected one of {kinds}, got {tag}": "{loc}.kind：应为 {kinds} 之一，实际是 {tag}",
    "missing required key 'kind' (one of {kinds})": "缺少必需的键 'kind'（{kinds} 之一）",
    "(top level)": "（顶层）",
    "{key}: '{function}' is not one of the exercise's functions ({names})":
        "{key}：'{function}' 不是该练习的函数之一（{names}）",
    "{key}: the signature of {function} ({signature}) does not parse":
        "{key}：{function} 的签名（{signature}）无法解析",
    "sweep: '{sweep}' is not a parameter of {call}; name the one to vary":
        "sweep：'{sweep}' 不是 {call} 的参数；请写明要变化的参数",
    "{key}.{name}: not a parameter of {call}": "{key}.{name}：不是 {call} 的参数",
    "{key}.{name}: is the swept argument; remove it from args":
        "{key}.{name}：这是被扫描的参数；请把它从 args 中删除",
    "{key}: missing {names} (every argument of {call} without a default needs a value)":
        "{key}：缺少 {names}（{call} 中没有默认值的参数都需要一个值）",
    "{key}: give {names} too: arguments are passed by position, so only trailing ones may be "
    "left out":
        "{key}：也请给出 {names}：参数按位置传递，只有末尾的参数可以省略",
    # Grading's own messages: comparisons, references, recorded answers, unknown kinds
    "a {type}": "一个 {type}",
    "a {type} that is not numbers": "一个不是数值的 {type}",
    "returned {what}": "返回了 {what}",
    "wrong text": "文本不对",
    "a bool": "一个布尔值",
    "a number": "一个数",
    "an array": "一个数组",
    "a tuple of {count} values": "含 {count} 个值的元组",
    "a dict with keys {keys}": "键为 {keys} 的字典",
    "item {i} of the result: {problem}": "结果的第 {i} 项：{problem}",
    "an exception": "一个异常",
    "{path}: test '{test}': unknown property '{name}' (known: {known})":
        "{path}：测试 '{test}'：未知性质 '{name}'（已知：{known}）",
    "{path}: test '{test}': unknown task '{name}' (known: {known})":
        "{path}：测试 '{test}'：未知任务 '{name}'（已知：{known}）",
    "{path}: the reference's {function} failed on test '{test}': {message}; fix the reference "
    "or the test":
        "{path}：参考实现的 {function} 在测试 '{test}' 上失败：{message}；请修正参考实现或该测试",
    "Student pack: every test of this exercise ran here.": "学生包：本练习的所有测试都已在此运行。",
    "Student pack: visible tests only here; {count} hidden test(s) worth {points} point(s) run "
    "when your work is graded.":
        "学生包：此处只运行可见测试；另有 {count} 个隐藏测试（共 {points} 分）会在正式评分时运行。",
    "{path}: a released student pack holds no reference code; run this on the instructor's pack":
        "{path}：发布的学生包不含参考代码；请在教师的题包上运行",
    "{path}: no recorded answer for this call of {function}; a released pack answers its "
    "visible tests only (hidden tests run when your work is graded)":
        "{path}：没有为这次调用 {function} 记录的答案；发布的题包只回答其可见测试"
        "（隐藏测试会在正式评分时运行）",
    "{path}: unreadable recorded answers ({problem}); release the pack again with "
    "`lossdrill release`":
        "{path}：记录的答案无法读取（{problem}）；请用 `lossdrill release` 重新发布题包",
    "{spec}: no reference solution at {path}; add it beside the spec pack":
        "{spec}：{path} 处没有参考答案；请把它放在题包中",
    "{path}: the reference solution fails to import: {name}: {problem}":
        "{path}：参考答案导入失败：{name}：{problem}",
    "{path}: the reference defines no function '{name}'; add it":
        "{path}：参考答案没有定义函数 '{name}'；请添加它",
    "{path}: MISTAKES['{id}'] is not listed under mistakes in {spec}":
        "{path}：MISTAKES['{id}'] 没有列在 {spec} 的 mistakes 下",
    "{path}: MISTAKES['{id}'] replaces {names}, which the exercise does not define":
        "{path}：MISTAKES['{id}'] 替换了 {names}，但练习没有定义它们",
    "expected format {format}": "应为格式 {format}",
    # ex26's task: the optimisers' race
    "the ravine (κ = {kappa:g})": "峡谷（κ = {kappa:g}）",
    "Rosenbrock's valley": "Rosenbrock 山谷",
    "{name} at step {t} failed: {message}": "{name} 在第 {t} 步失败：{message}",
    "{name} at step {t} did not return the tuple ({names})":
        "{name} 在第 {t} 步没有返回元组 ({names})",
    "{name} at step {t}: {item} is not {n} finite numbers":
        "{name} 在第 {t} 步：{item} 不是 {n} 个有限数",
    "{racer} on {problem}, step {t}: from w = {w} with {state}, your step returned {name} = "
    "{mine}; the statement's rule gives {right}":
        "{racer} 在{problem}上的第 {t} 步：从 w = {w}、{state} 出发，你的一步返回 {name} = {mine}；"
        "按题目的规则应为 {right}",
    "{racer} not within {budget} (f = {f:.2g})": "{racer} 在 {budget} 步内未达到（f = {f:.2g}）",
    "{racer} {steps}": "{racer} {steps}",
    "{racer}, log₁₀ f in the ravine": "{racer}，峡谷中的 log₁₀ f",
    "{problem}, steps to {target}: {entries}": "{problem}，达到 {target} 所需步数：{entries}",
    # ex27's task: balanced weights on a 95/5 data set
    "weighted_cross_entropy at epoch {epoch}": "第 {epoch} 轮的 weighted_cross_entropy",
    "weighted_cross_entropy_grad at epoch {epoch}": "第 {epoch} 轮的 weighted_cross_entropy_grad",
    "class_weights of the training labels ({minority} of {n} in class 1) returned {got}; "
    "\"balanced\" gives {want}":
        "对训练标签（{n} 个中有 {minority} 个属于类别 1），class_weights 返回 {got}；"
        "\"平衡\"权重应为 {want}",
    "with the balanced weights": "使用平衡权重时",
    "with every weight 1": "所有权重都为 1 时",
    "{which}, the loss curve leaves the reference run at epoch {epoch} ({got:.6g} vs "
    "{want:.6g})": "{which}，损失曲线在第 {epoch} 轮偏离参考结果（{got:.6g} 对 {want:.6g}）",
    "minority recall {recall:.2f} with balanced weights, {plain:.2f} without (accuracy "
    "{accuracy:.3f} and {plain_accuracy:.3f}: the unweighted model buys its accuracy by "
    "missing the minority)":
        "少数类召回率：平衡权重 {recall:.2f}，不加权 {plain:.2f}（准确率 {accuracy:.3f} 和 "
        "{plain_accuracy:.3f}：不加权的模型靠漏掉少数类换来准确率）",
    "{summary}; needed a recall of at least {need:.2f} and {gain:.2f} above the unweighted "
    "run's": "{summary}；召回率至少需要 {need:.2f}，且比不加权的结果高 {gain:.2f}",
    # A curve for every loss of one variable, and topics by section (`lossdrill list`)
    "{key}: expected a non-empty array of finite numbers, e.g. [[0.0, 0.0]]; got {value}":
        "{key}：应为由有限数字组成的非空数组，例如 [[0.0, 0.0]]；实际为 {value}",
    "origin, direction: shapes {origin} and {direction} differ; give both the swept "
    "argument's shape":
        "origin, direction：形状 {origin} 与 {direction} 不同；两者都应取被扫描参数的形状",
    "{key}: give it too, with {other}'s shape {shape} (the swept argument is origin + "
    "x·direction)":
        "{key}：也要给出它，形状与 {other} 相同，为 {shape}（被扫描的参数是 origin + x·direction）",
    "marks[{i}].x: {x} is outside the range [{low}, {high}]; move the mark or widen the range":
        "marks[{i}].x：{x} 不在范围 [{low}, {high}] 内；请移动该标记或扩大范围",
    "  {label} leaves the reference where {axis} is in {ranges}":
        "  {label} 在 {axis} 属于 {ranges} 时偏离参考实现",
    "{label} (x = {places})": "{label}（x = {places}）",
    ", ": "、",
    "Regression losses": "回归的损失函数",
    "Classification losses": "分类的损失函数",
    "Gradients": "梯度",
    "Regularisation": "正则化",
    "Similarity": "相似度与度量学习",
    "Optimisation": "优化",
    "Model selection": "模型选择",
    "Other topics": "其他主题",
    "regression": "回归",
    "classification": "分类",
    "losses": "损失函数",
    "metrics": "评估指标",
    "numpy": "NumPy",
    "robustness": "稳健性",
    "robust losses": "稳健损失",
    "gradients": "梯度",
    "chain rule": "链式法则",
    "probabilities": "概率",
    "numerical stability": "数值稳定性",
    "softmax": "softmax",
    "sigmoid": "sigmoid",
    "perceptron": "感知机",
    "svm": "支持向量机",
    "regularization": "正则化",
    "regularisation": "正则化",
    "linear models": "线性模型",
    "model selection": "模型选择",
    "linear algebra": "线性代数",
    "neural networks": "神经网络",
    "randomness": "随机性",
    "normalization": "归一化",
    "data augmentation": "数据增强",
    "images": "图像",
    "metric learning": "度量学习",
    "embeddings": "嵌入",
    "distances": "距离",
    "siamese networks": "孪生网络",
    "gradient checking": "梯度检验",
    "numerical methods": "数值方法",
    "subgradient descent": "次梯度下降",
    "training loops": "训练循环",
    "cross-validation": "交叉验证",
    "optimisation": "优化",
    "imbalanced data": "不平衡数据",
    # grade --dask: grading on a Dask cluster
    "--dask {value}: expected a scheduler's address such as tcp://host:8786, or local:N for a "
    "local cluster of N workers (1 to {most})":
        "--dask {value}：应为调度器地址，例如 tcp://host:8786，"
        "或 local:N（本机 N 个工作进程的集群，N 为 1 到 {most}）",
    "--dask needs Dask, which is not installed: pip install \"lossdrill[dask]\"":
        "--dask 需要 Dask，但它没有安装：pip install \"lossdrill[dask]\"",
    "--dask {address}: no Dask scheduler answered there ({why}); check the address, or start "
    "one with `dask scheduler`":
        "--dask {address}：那里没有 Dask 调度器应答（{why}）；"
        "请检查地址，或用 `dask scheduler` 启动一个",
    "--dask {address}: cannot reach a Dask scheduler there ({why}); check the address, or "
    "start one with `dask scheduler`":
        "--dask {address}：无法连接那里的 Dask 调度器（{why}）；"
        "请检查地址，或用 `dask scheduler` 启动一个",
    "it closed the connection": "对方关闭了连接",
    "no greeting within {seconds:g} s": "{seconds:g} 秒内没有收到问候",
    "--jobs and --dask: a cluster's workers set how many checks run at once; leave --jobs out "
    "(local:N starts N workers)":
        "--jobs 与 --dask：同时运行多少检查由集群的工作进程决定；请去掉 --jobs"
        "（local:N 会启动 N 个工作进程）",
    "the Dask scheduler dropped this check (was it stopped?)":
        "Dask 调度器丢弃了这次检查（它是否已停止？）",
    "the Dask worker grading this file died, twice; does the file exhaust the machine or kill "
    "its worker?":
        "评分此文件的 Dask 工作进程两次意外终止；该文件是否耗尽了机器资源或杀死了它的工作进程？",
    # ex28's task: a line fitted under the MSE, the MAE and Huber, on data with outliers
    "line_grad ({loss}) at step {t}": "第 {t} 步的 line_grad（{loss}）",
    "the {loss} fit leaves the reference run at step {t}: θ = [{w:.6g}, {b:.6g}], the "
    "reference's [{ref_w:.6g}, {ref_b:.6g}]; your line_grad differs from the reference's there":
        "{loss} 的拟合在第 {t} 步偏离参考实现：θ = [{w:.6g}, {b:.6g}]，参考实现为 "
        "[{ref_w:.6g}, {ref_b:.6g}]；你的 line_grad 在那里与参考实现不同",
    "{k} outliers of {n} points; the clean line's slope is {w:.3g}, the fits' are {mse:.3g} "
    "(MSE), {mae:.3g} (MAE) and {huber:.3g} (Huber, δ = {delta:g}): the outliers pull the MSE "
    "slope {ratio:.1f}× as far as the robust ones":
        "{n} 个点中有 {k} 个离群点；干净直线的斜率为 {w:.3g}，拟合的斜率为 {mse:.3g}（MSE）、"
        "{mae:.3g}（MAE）和 {huber:.3g}（Huber，δ = {delta:g}）：离群点把 MSE 的斜率拉开的距离"
        "是稳健损失的 {ratio:.1f} 倍",
    "{summary}, less than the {need:g}× expected": "{summary}，少于预期的 {need:g} 倍",
    # ex29's task: the error of central differences over steps from 10⁻¹ to 10⁻¹³
    "Σ x³": "Σ x³",
    "the log-cosh loss w.r.t. the predictions": "log-cosh 损失对预测值的导数",
    "gradient_error on {what}": "{what} 上的 gradient_error",
    "on {what}, at h = {h:.0e} (where truncation dominates and every central difference "
    "agrees): your error {got:.6g}, the reference's {want:.6g}":
        "在 {what} 上，h = {h:.0e} 处（截断误差占主导，任何中心差分都一致）：你的误差为 "
        "{got:.6g}，参考实现为 {want:.6g}",
    "on {what}, for h ≥ 10⁻³ the error goes as h^{slope:.2f}, not as h² (between h^{low:g} "
    "and h^{high:g}): central differences are off by h²·f‴/6":
        "在 {what} 上，h ≥ 10⁻³ 时误差按 h^{slope:.2f} 变化，而不是按 h²（介于 h^{low:g} 与 "
        "h^{high:g} 之间）：中心差分的误差是 h²·f‴/6",
    "on {what}, the error does not grow as the step shrinks below 10⁻⁹ (slope {slope:.2f}, "
    "expected about −1): the round-off of f, divided by 2h, should take over there":
        "在 {what} 上，步长小于 10⁻⁹ 后误差没有随步长减小而增大（斜率 {slope:.2f}，应约为 −1）："
        "f 的舍入误差除以 2h 后应在那里占上风",
    "on {what}, the error is smallest at h = {best:.1e}, more than {window:g} times away from "
    "ε^(1/3) = {eps3:.1e}, where the h² truncation and the ε/h round-off of central "
    "differences balance":
        "在 {what} 上，误差在 h = {best:.1e} 处最小，与 ε^(1/3) = {eps3:.1e} 相差超过 "
        "{window:g} 倍；中心差分的 h² 截断误差与 ε/h 舍入误差应在 ε^(1/3) 附近平衡",
    "on {count} functions the error falls as h^{trunc} from h = 0.1, is smallest at h = "
    "{best} (ε^(1/3) = {eps3:.1e}), and rises as h^{roundoff} below 10⁻⁹":
        "在 {count} 个函数上，误差从 h = 0.1 起按 h^{trunc} 下降，在 h = {best} 处最小"
        "（ε^(1/3) = {eps3:.1e}），在 10⁻⁹ 以下按 h^{roundoff} 上升",
    # the learner's report: wide text, pipes, watch at any height, notebooks, wording
    "see below": "详见下文",
    "watching {file}": "正在监视 {file}",
    "… {count} more lines: a taller window shows them, `lossdrill check {file}` all":
        "……还有 {count} 行：窗口调高即可看到，`lossdrill check {file}` 显示全部",
    "cell {cell} not graded: nothing it defines is used by {functions} (it imports {modules})":
        "第 {cell} 个单元格未参与评分：{functions} 没有用到它定义的任何东西（它导入了 {modules}）",
    "cell {cell} not graded: nothing it defines is used by {functions}":
        "第 {cell} 个单元格未参与评分：{functions} 没有用到它定义的任何东西",
    "Notes": "说明",
    "sample by sample (reference → yours), {shown} of the {count} that differ:":
        "逐个样本（参考答案 → 你的结果），共 {count} 个不同，显示其中 {shown} 个：",
}
