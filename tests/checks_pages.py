# ruff: noqa: E501  (HTML test pages read better unwrapped)
"""Small pages for the browser checks' unit tests: one barrier or one correct pattern each."""

KEYBOARD_OK = """<main><h1>List</h1><a href="#a">Reading list</a>
<button>Mark as done</button><input aria-label="Search">
<div role="radiogroup" aria-label="Size"><input type="radio" name="s" id="r1" checked>
<label for="r1">Normal</label><input type="radio" name="s" id="r2"><label for="r2">Large</label></div>
<div role="toolbar" aria-label="Tools"><button tabindex="0">Bold</button><button tabindex="-1">Italic</button></div>
</main>"""

UNREACHABLE_ROLE = """<main><button>One</button><span role="button" id="fake">Export</span>
<button>Two</button></main>"""

UNREACHABLE_POINTER = """<main><button>One</button>
<div id="chip" style="cursor:pointer;padding:8px">Sort by title</div><button>Two</button>
<script>document.getElementById('chip').addEventListener('click', e => e.target.classList.toggle('on'));</script>
</main>"""

MOUSEDOWN_IMAGE = """<main><button>One</button><p><img id="add" alt="Add to my list" width="32"
height="32" src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E"
onmousedown="this.alt='Added'"></p></main>"""
"""F54: only a mousedown handler in the markup, no pointer cursor, not focusable."""

POINTER_NO_HANDLER = """<main><button>One</button>
<div style="cursor:pointer;padding:8px">Only looks clickable</div></main>"""

TRAP = """<main><button>Before</button><textarea id="note" aria-label="Note"></textarea>
<button>After</button>
<script>document.getElementById('note').addEventListener('keydown', e => {
  if (e.key === 'Tab') { e.preventDefault(); e.target.value += '\\t'; } });</script></main>"""

POSITIVE_TABINDEX = """<main><button>First</button><input aria-label="Search" tabindex="3">
<button>Last</button></main>"""

ORDER_REVERSED = """<main><div id="links" style="display:flex;flex-direction:column-reverse;gap:8px">
<a href="#1">First link</a><a href="#2">Second link</a><a href="#3">Third link</a></div></main>"""

ORDER_OK = """<main><div style="display:flex;flex-direction:column;gap:8px">
<a href="#1">First link</a><a href="#2">Second link</a></div>
<div style="display:flex;gap:8px"><a href="#3">Left</a><a href="#4">Right</a></div></main>"""

FOCUS_NONE = """<style>#plain:focus { outline: none; }</style><main><button>Ok</button>
<button id="plain">No ring</button></main>"""

FOCUS_CUSTOM = """<style>button:focus { outline: none; }
.ring:focus-visible { outline: none; box-shadow: 0 0 0 3px #c8102e; }
form:focus-within { outline: 3px solid #c8102e; } input:focus { outline: none; }
</style><main><button class="ring">Custom ring</button>
<form><input aria-label="Search"></form></main>"""

OBSCURED = """<style>body{margin:0} .bar{position:fixed;bottom:0;left:0;right:0;height:120px;
background:#333;color:#fff}</style><main><button>Top</button><div style="height:1500px"></div>
<button id="low">Hidden under the bar</button><div style="height:40px"></div></main>
<div class="bar">Compare lists</div>"""

OBSCURED_OK = """<style>html{scroll-padding-bottom:140px} body{margin:0} .bar{position:fixed;
bottom:0;left:0;right:0;height:120px;background:#333;color:#fff}</style><main>
<button>Top</button><div style="height:1500px"></div><button id="low">Visible above the bar</button>
<div style="height:40px"></div></main><div class="bar">Compare lists</div>"""

_DIALOG_SCRIPT = """<script>
const open = document.getElementById('open'), dlg = document.getElementById('dlg');
function show() { dlg.hidden = false; dlg.querySelector('button').focus(); }
function closeNow() { dlg.hidden = true; if (RETURN) open.focus(); }
function hide() { if (CLOSE_MS) setTimeout(closeNow, CLOSE_MS); else closeNow(); }
open.addEventListener('click', show);
dlg.addEventListener('keydown', e => {
  if (e.key === 'Escape' && ESCAPE) hide();
  if (e.key === 'Tab' && TRAP) { const b = dlg.querySelectorAll('button');
    if (!e.shiftKey && document.activeElement === b[b.length - 1]) { e.preventDefault(); b[0].focus(); }
    if (e.shiftKey && document.activeElement === b[0]) { e.preventDefault(); b[b.length - 1].focus(); } }
});
dlg.querySelectorAll('button')[1].addEventListener('click', hide);
show();
</script>"""


def dialog(returns: bool = True, escape: bool = True, trap: bool = True, close_ms: int = 0) -> str:
    """A modal dialog opened from a button, with each behaviour switchable; ``close_ms`` is a
    closing animation (the dialog hides, and focus moves back, that long after Escape)."""
    script = (
        _DIALOG_SCRIPT.replace("CLOSE_MS", str(close_ms))
        .replace("RETURN", str(returns).lower())
        .replace("ESCAPE", str(escape).lower())
        .replace("TRAP", str(trap).lower())
    )
    return (
        '<main><button id="open">Settings</button><button>Behind</button></main>'
        '<div id="dlg" role="dialog" aria-modal="true" aria-label="Settings" hidden>'
        "<button>Large text</button><button>Close</button></div>" + script
    )


def dialog_no_focus() -> str:
    """A modal dialog that opens without moving focus into it."""
    return dialog().replace("dlg.querySelector('button').focus(); }", "}")


DIALOG_NO_RETURN = dialog(returns=False)
DIALOG_NO_ESCAPE = dialog(escape=False)
DIALOG_NO_TRAP = dialog(trap=False)
DIALOG_OK = dialog()
DIALOG_ANIMATED_OK = dialog(close_ms=300)
DIALOG_ANIMATED_NO_RETURN = dialog(returns=False, close_ms=300)

REFLOW_FIXED = """<main><h1>Reading list</h1><div id="wide" style="width:600px;background:#eee">
A notice box with a fixed width of six hundred pixels.</div></main>"""

REFLOW_OK = """<main><h1>Reading list</h1><p>Text that wraps at any width, as text should.</p>
<div style="overflow-x:auto" role="region" aria-label="Details" tabindex="0">
<table style="min-width:700px"><tr><th>Title</th><th>Author</th><th>Year</th><th>ISBN</th></tr>
<tr><td>Sosiologiens grunnlag</td><td>Aakvaag</td><td>2008</td><td>9788202287893</td></tr>
</table></div><img alt="Map" src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='500' height='20'/%3E" width="500" height="20"></main>"""

SPACING_CLIPPED = """<main><p id="tag" style="height:1.2em;line-height:1.2;overflow:hidden;width:300px">
Book</p></main>"""

SPACING_OK = """<main><p style="min-height:1.2em;line-height:1.2;width:300px">Book</p>
<p>Plain paragraph text that grows with its content.</p></main>"""

WRAPPED_LINKS = """<main style="max-width:42rem;line-height:1.5"><p>The library serves students and
staff on all campuses. You can <a href="#r">book a group room</a>, <a href="#a">ask a librarian</a>
or <a href="#i">order books from other libraries</a> for your studies and research.</p></main>"""
"""Inline links that wrap across lines: their bounding boxes overlap, their lines do not."""

RESIZE_CLIPPED = """<main><div id="badge" style="height:20px;width:160px;overflow:hidden;font-size:14px;
line-height:20px;white-space:nowrap">Mandatory reading</div></main>"""

RESIZE_OK = """<main><div style="min-height:20px;font-size:14px">Mandatory reading</div></main>"""

TARGETS_SMALL = """<main><div><button id="a" style="width:16px;height:16px;padding:0" aria-label="Up">
</button><button id="b" style="width:16px;height:16px;padding:0;margin-left:2px" aria-label="Down">
</button></div></main>"""

TARGETS_OK = """<main><button style="width:40px;height:40px" aria-label="Menu"></button>
<div style="margin-top:40px"><button style="width:16px;height:16px;padding:0" aria-label="Alone">
</button></div><p>Read <a href="#x">the guide</a> before you start.</p>
<input type="checkbox" aria-label="Select"><input type="checkbox" aria-label="Select too"></main>"""

ORIENTATION_LOCKED = """<style>@media (orientation: portrait) { #details { display: none; } }</style>
<main><section id="details" aria-label="Details"><p>Details of the book.</p></section></main>"""

ORIENTATION_OK = """<style>@media (orientation: portrait) { #details { font-size: 18px; } }</style>
<main><section id="details" aria-label="Details"><p>Details of the book.</p>
<span style="display:inline-block;transform:rotate(90deg)">Side label</span></section></main>"""

ORIENTATION_ROTATED = """<style>@media (orientation: landscape) { .app { transform: rotate(-90deg);
transform-origin: left top; width: 100vh; position: absolute; top: 100%; left: 0 } }</style>
<main><h1>Scan a book</h1><div class="app" id="scanner"><p>Hold the barcode to the camera.</p>
<button>Start camera</button></div></main>"""
"""F100: the content is turned by 90° in landscape so that it keeps its portrait layout."""

ACTIVATION_MOUSE_ONLY = """<main><span id="fake" role="button" tabindex="0">Export</span>
<div id="out"></div><script>document.getElementById('fake').addEventListener('click',
() => { document.getElementById('out').textContent = 'Exported'; });</script></main>"""

ACTIVATION_OK = """<main><span id="good" role="button" tabindex="0">Export</span><div id="out"></div>
<script>const g = document.getElementById('good');
const act = () => { document.getElementById('out').textContent = 'Exported'; };
g.addEventListener('click', act);
g.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); act(); } });
</script></main>"""

STATUS_SILENT = """<main><span id="add" role="button" tabindex="0">Add to list</span>
<div id="toast" class="toast-message" hidden>Added to list</div>
<script>document.getElementById('add').addEventListener('click',
() => { document.getElementById('toast').hidden = false; });</script></main>"""

STATUS_LIVE = """<main><span id="add" role="button" tabindex="0">Add to list</span>
<div id="toast" class="toast-message" role="status"></div>
<script>const add = document.getElementById('add');
const say = () => { document.getElementById('toast').textContent = 'Added to list'; };
add.addEventListener('click', say);
add.addEventListener('keydown', e => { if (e.key === 'Enter') say(); });</script></main>"""

FRAME_UNREACHABLE = """<main><button>Top</button><iframe title="LMS tool" srcdoc="<button>In frame</button>
<span role='button' id='inner'>Hidden control</span>"></iframe></main>"""

SHADOW_FOCUS_NONE = """<main><button>Top</button><div id="host"></div>
<script>const r = document.getElementById('host').attachShadow({mode: 'open'});
r.innerHTML = '<style>button:focus{outline:none}</style><button id="inner">Shadow button</button>';
</script></main>"""

ON_FOCUS_NAVIGATES = """<main><button>First</button><a id="go" href="#">Next page</a>
<script>document.getElementById('go').addEventListener('focus', () => { location.href = 'about:blank#moved'; });</script></main>"""
