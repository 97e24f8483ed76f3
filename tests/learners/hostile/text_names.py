# lossdrill: ex1
# Hostile text: no `mse`, but functions whose names hold terminal escapes, rich markup, a
# lone surrogate and GitHub workflow commands: the diagnosis that lists what the file
# defines shows them.


def _loss(y_true, y_pred):
    return 0.0


for _name in ("mse\x1b]0;pwned\x07\x1b[6n", "mse[red]markup[/red]\ud800",
              "mse\x00]]>\n::error::name", "mse\r##[add-mask]x"):
    globals()[_name] = _loss
