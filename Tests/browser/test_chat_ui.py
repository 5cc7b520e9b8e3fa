"""End-to-end test of the browser chat in headless Chromium (Playwright), against the real `tabletalk serve`.

Uses the already-built debug binary (.build/debug/tabletalk; scripts/test.sh builds it first). Under CI=true a missing
binary, Playwright or Chromium fails the test instead of skipping it. Screenshots go to artifacts/.
"""
import os
import pathlib
import queue
import re
import shutil
import subprocess
import threading

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = ROOT / ".build" / "debug" / "tabletalk"
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = os.environ.get("TABLETALK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
CI = os.environ.get("CI", "").lower() == "true"
TOKEN = "browser-test-token-0123456789"
XSS = "<img src=x onerror=alert(1)>"

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # reported by require() below
    sync_playwright = None


def require(condition, reason):
    if condition:
        return
    if CI:
        pytest.fail(f"{reason} (CI=true: this test must run)")
    pytest.skip(reason)


class Server:
    """`tabletalk serve` on a free port (then the same port again after restart()), with a fixed token."""

    def __init__(self, data):
        self.data = data
        self.port = 0
        self.proc = None
        self.url = None

    def start(self):
        proc = subprocess.Popen(
            [str(BINARY), "serve", "--port", str(self.port), "--data-dir", str(self.data), "--token", TOKEN],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        lines, log = queue.Queue(), []

        def drain():  # keep reading so the server never blocks on a full pipe
            for line in proc.stderr:
                log.append(line)
                lines.put(line)
            lines.put(None)

        threading.Thread(target=drain, daemon=True).start()
        self.proc = proc
        while True:
            try:
                line = lines.get(timeout=20)
            except queue.Empty:
                line = None
            if line is None:
                self.stop()
                pytest.fail("serve did not print its URL:\n" + "".join(log[-20:]))
            match = re.search(r"TableTalk is running at (http://\S+)", line)
            if match:
                self.url = match.group(1)
                self.port = int(re.search(r":(\d+)/", self.url).group(1))
                return

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require(BINARY.exists(), f"{BINARY} is not built (swift build --product tabletalk)")
    s = Server(tmp_path_factory.mktemp("data"))
    s.start()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def browser():
    require(sync_playwright is not None, "the playwright Python package is not installed (pip install playwright)")
    require(os.path.exists(CHROMIUM), f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def table_rows(answer):
    """The result table of an answer as a list of rows of cell texts."""
    return answer.locator("table.result tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.cells].map(c => c.textContent))")


def no_horizontal_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"
                         " && document.body.scrollWidth <= window.innerWidth + 1")


def test_upload_ask_follow_up_history_and_layout(server, browser, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    sales = tmp_path / "sales.csv"
    sales.write_text(f'region,sales\nNorth,10\nSouth,20\nNorth,5\nEast,12\n"{XSS}",7\n')
    wide = tmp_path / "wide.csv"
    header = ",".join(f"column_{i}" for i in range(200))
    row = ",".join(["x" * 10_000] + [str(i) for i in range(1, 200)])
    wide.write_text(f"{header}\n{row}\n{row.replace('x', 'y')}\n")
    bad = tmp_path / "broken.csv"
    bad.write_text('a,b\n1,2\n3,"never closed\n4,5\n')

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    expect.set_options(timeout=15_000)
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))

    # Drop the first PUT part on the floor: the uploader must resume from upload.status.
    puts, drop = [], []

    def on_put(route, request):
        puts.append(request.url)
        if drop:
            drop.pop()
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route(re.compile(r"/uploads/"), on_put)

    # Connect: the token is taken from the URL and removed from the address bar.
    page.goto(server.url)
    expect(page.locator(".conn")).to_have_attribute("data-state", "connected")
    assert "token=" not in page.url
    assert page.evaluate("sessionStorage.getItem('tabletalk.token')") == TOKEN

    # A broken file gets a clear error that names the line.
    page.set_input_files("#file", str(bad))
    expect(page.locator("#upload-error")).to_contain_text("broken.csv")
    expect(page.locator("#upload-error")).to_contain_text(re.compile(r"line \d"))

    # Upload, with one dropped part, then the schema review.
    puts.clear()
    drop.append(True)
    page.set_input_files("#file", str(sales))
    schema = page.locator("#schema")
    expect(schema.locator("table.schema")).to_be_visible()
    expect(schema).to_contain_text("5 rows")
    assert len(puts) == 2 and all("offset=0" in u for u in puts), puts
    expect(schema.get_by_label("Type of region")).to_have_value("TEXT")
    expect(schema.get_by_label("Type of sales")).to_have_value("INTEGER")
    expect(page.locator("#tables")).to_contain_text("sales")
    expect(page.locator("#tables")).to_contain_text("5 rows")

    # Shift+Enter is a new line, Enter sends.
    question = page.locator("#question")
    question.fill("total sales")
    question.press("Shift+Enter")
    question.press_sequentially("by region")
    assert question.input_value() == "total sales\nby region"
    question.fill("total sales by region")
    question.press("Enter")
    answers = page.locator("article[aria-label=Answer]")
    expect(answers).to_have_count(1)
    first = answers.nth(0)
    expect(first.locator("table.result")).to_be_visible()
    totals = {r[0]: r[1] for r in table_rows(first)}
    assert totals == {"North": "15", "South": "20", "East": "12", XSS: "7"}, totals
    assert first.locator("td.num").first.evaluate("c => getComputedStyle(c).textAlign") == "right"
    expect(first.locator(".interpretation")).to_contain_text("Total sales by region")
    expect(page.locator("#chat-status")).to_have_text("Done.")

    # The chart: one bar per region, value labels with the right numbers.
    chart = first.locator("svg.chart-bar")
    expect(chart).to_be_visible()
    expect(chart.locator("rect.bar")).to_have_count(4)
    labels = chart.locator("text.value").all_text_contents()
    assert sorted(labels) == sorted(["15", "20", "12", "7"]), labels
    assert "North" in chart.locator("text.label").all_text_contents()

    # The <img> cell is text: no img element anywhere, no dialog.
    expect(first.get_by_role("cell", name=XSS, exact=True)).to_be_visible()
    assert page.locator("img").count() == 0
    first.locator("details.sql summary").click()
    expect(first.locator("details.sql pre")).to_contain_text('sum("sales")')
    page.locator("article[aria-label='You asked']").first.evaluate("q => q.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(ARTIFACTS / "chat-1280.png"), full_page=True)

    # Follow-up edits the previous question.
    question.fill("sort ascending")
    question.press("Enter")
    expect(answers).to_have_count(2)
    second = answers.nth(1)
    expect(second.locator("table.result")).to_be_visible()
    assert [r[1] for r in table_rows(second)] == ["7", "12", "15", "20"]
    second.get_by_role("button", name="Helpful", exact=True).click()
    expect(second.get_by_role("button", name="Helpful", exact=True)).to_have_attribute("aria-pressed", "true")

    # Sorting the table in the page: click the total header twice for descending.
    header_button = second.locator("thead th").nth(1).locator("button")
    header_button.click()
    header_button.click()
    expect(second.locator("thead th").nth(1)).to_have_attribute("aria-sort", "descending")
    assert [r[1] for r in table_rows(second)] == ["20", "15", "12", "7"]

    # 200 columns and 10,000-character cells, through "Edit and run" of the SQL block.
    page.set_input_files("#file", str(wide))
    expect(schema).to_contain_text("Table “wide”")
    second.locator("details.sql summary").click()
    second.get_by_role("button", name="Edit and run").click()
    second.locator("textarea.sql-editor").fill("SELECT * FROM wide")
    second.get_by_role("button", name="Run SQL").click()
    expect(answers).to_have_count(3)
    expect(second.locator("textarea.sql-editor")).to_be_hidden()
    third = answers.nth(2)
    expect(third.locator("table.result thead th")).to_have_count(200)
    scroller = third.locator(".table-scroll")
    assert scroller.evaluate("s => s.scrollWidth > s.clientWidth"), "wide table should scroll sideways"
    assert third.locator("td").first.evaluate("c => c.getBoundingClientRect().width") < 700
    assert no_horizontal_overflow(page)
    page.set_viewport_size({"width": 3840, "height": 2160})
    page.screenshot(path=str(ARTIFACTS / "chat-3840.png"))
    assert no_horizontal_overflow(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    # Reload: same tab, token from sessionStorage, the conversation comes back and is in the history.
    page.reload()
    expect(page.locator(".conn")).to_have_attribute("data-state", "connected")
    sessions = page.locator("#sessions li[data-session-id]")
    expect(sessions).to_have_count(1)
    expect(sessions.first).to_contain_text("total sales by region")
    page.locator("#new-chat").click()
    expect(page.locator("#thread .welcome")).to_be_visible()
    sessions.first.locator("button.open").click()
    expect(answers).to_have_count(3)
    expect(page.locator("article[aria-label='You asked']")).to_have_count(3)
    expect(answers.nth(0).locator("svg.chart-bar rect.bar")).to_have_count(4)
    expect(answers.nth(0).get_by_role("cell", name=XSS, exact=True)).to_be_visible()
    assert page.locator("img").count() == 0

    # Phone width: no sideways scrolling of the page; the sidebar opens from the menu button.
    page.set_viewport_size({"width": 375, "height": 812})
    # Charts are redrawn for the narrower thread, so their text keeps its size.
    expect(answers.nth(0).locator("svg.chart")).to_have_attribute("width", re.compile(r"^(2\d\d|3[0-4]\d)$"))
    answers.nth(0).scroll_into_view_if_needed()
    assert no_horizontal_overflow(page)
    expect(page.locator("#sidebar")).to_be_hidden()
    page.screenshot(path=str(ARTIFACTS / "chat-375.png"))
    page.locator("#menu").click()
    expect(page.locator("#sidebar")).to_be_visible()
    expect(page.locator("#menu")).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#sidebar")).to_have_css("transform", "none")  # slid in
    page.screenshot(path=str(ARTIFACTS / "chat-375-sidebar.png"))
    page.keyboard.press("Escape")
    expect(page.locator("#sidebar")).to_be_hidden()

    # The server goes away: the page says so and reconnects (with backoff) when it is back, in the same chat.
    page.set_viewport_size({"width": 1280, "height": 900})
    server.stop()
    expect(page.locator(".conn")).to_have_attribute("data-state", re.compile("reconnecting|offline"))
    expect(page.locator("#conn-text")).to_contain_text("retrying in")
    page.screenshot(path=str(ARTIFACTS / "chat-reconnecting.png"))
    server.start()
    expect(page.locator(".conn")).to_have_attribute("data-state", "connected", timeout=20_000)
    question.fill("top 2")
    question.press("Enter")
    expect(answers).to_have_count(4)
    assert len(table_rows(answers.nth(3))) == 2
    expect(page.locator("#sessions li[data-session-id]")).to_have_count(1)

    assert dialogs == [], dialogs
    assert errors == [], errors
    context.close()


def test_lossy_retype_asks_first_and_tables_can_be_renamed_and_deleted(server, browser, tmp_path):
    """Changing a type that would empty some values shows how many and asks (Keep / Change anyway); changing back
    restores them; the schema review renames and deletes the table."""
    ARTIFACTS.mkdir(exist_ok=True)
    codes = tmp_path / "codes.csv"
    codes.write_text("code,qty\n001,1\n002,2\nx7,3\n")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    expect.set_options(timeout=15_000)
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server.url)
    expect(page.locator(".conn")).to_have_attribute("data-state", "connected")
    page.set_input_files("#file", str(codes))
    schema = page.locator("#schema")
    code_type = schema.get_by_label("Type of code")
    expect(code_type).to_have_value("TEXT")

    # A lossy change asks first: the count and the value that would be lost; "Keep" changes nothing.
    code_type.select_option("INTEGER")
    ask = schema.get_by_role("alertdialog")
    expect(ask).to_contain_text("1 value of code cannot be read as INTEGER")
    expect(ask).to_contain_text("x7")
    page.screenshot(path=str(ARTIFACTS / "schema-lossy-ask.png"))
    ask.get_by_role("button", name="Keep TEXT").click()
    expect(ask).to_have_count(0)
    expect(code_type).to_have_value("TEXT")
    expect(schema).to_contain_text("code stays TEXT")

    # Confirmed, the change is made; changing back brings "x7" back.
    code_type.select_option("INTEGER")
    schema.get_by_role("button", name="Change to INTEGER anyway").click()
    expect(schema.get_by_label("Type of code")).to_have_value("INTEGER")
    expect(schema.locator("[role=status]")).to_contain_text("code is now INTEGER")
    schema.get_by_label("Type of code").select_option("TEXT")
    expect(schema.get_by_label("Type of code")).to_have_value("TEXT")
    expect(schema.get_by_role("alertdialog")).to_have_count(0)
    expect(schema.locator("td.examples").first).to_contain_text("x7")
    page.screenshot(path=str(ARTIFACTS / "schema-retype.png"))

    # Rename, then delete (the second click confirms).
    schema.get_by_role("button", name="Rename table").click()
    schema.get_by_label("New name for table codes").fill("codes_renamed")
    schema.get_by_role("button", name="Save name").click()
    expect(schema).to_contain_text("Table “codes_renamed”")
    expect(page.locator("#tables")).to_contain_text("codes_renamed")
    delete = schema.get_by_role("button", name="Delete table")
    delete.click()
    expect(schema.locator("button.delete-table")).to_contain_text("for good?")
    schema.locator("button.delete-table").click()
    expect(schema).to_be_hidden()
    expect(page.locator("#tables")).not_to_contain_text("codes_renamed")

    assert dialogs == [], dialogs
    assert errors == [], errors
    context.close()


def test_rpc_client_mirrors_the_protocol_spec():
    """rpc-client.js lists every method of Protocol/openrpc.json (initialize and rpc.discover are the client's own
    business), and the page listens to every server→client notification."""
    import json
    spec = json.loads((ROOT / "Protocol" / "openrpc.json").read_text())
    ui = ROOT / "Sources" / "TableTalkWebSocket" / "Resources" / "ui"
    client = (ui / "rpc-client.js").read_text()
    block = client[client.index("const methods = {"):client.index("};", client.index("const methods = {"))]
    mirrored = set()
    for ns, names in re.findall(r"(\w+): \[([^\]]*)\]", block):
        for name in re.findall(r"'([^']+)'", names):
            mirrored.add(name if ns == "core" else f"{ns}.{name}")
    expected = {m["name"] for m in spec["methods"]} - {"initialize", "rpc.discover"}
    assert mirrored == expected
    pages = "".join(p.read_text() for p in ui.glob("*.js"))
    for note in spec.get("x-notifications", []):
        if note.get("direction", "").startswith("server"):
            assert f"rpc.on('{note['name']}'" in pages, note["name"]
