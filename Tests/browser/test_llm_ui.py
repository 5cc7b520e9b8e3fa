"""The browser chat with `translator: hybrid` pointed at a scripted OpenAI-compatible server (issue 12).

A question the offline parser declines is answered by the "model": the answer shows the "AI model" badge next to
its restatement and its rows ran through the guard. When the model also declines, the parser's clarification
offers "Try the AI model", which asks the model directly. Uses the debug binary like test_chat_ui.py.
"""
import http.server
import json
import threading

from test_chat_ui import ARTIFACTS, BINARY, CHROMIUM, CHROMIUM_ARGS, Server, require, sync_playwright, table_rows

try:
    from playwright.sync_api import expect
except ImportError:
    expect = None

DECLINED = "which of these fellows would make the best dinner companion"


class FakeOpenAI:
    """POST /v1/chat/completions answered with scripted message contents in order (the last repeats)."""

    def __init__(self, replies):
        self.replies = list(replies)
        self.received = []
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                fake.received.append(json.loads(body))
                content = fake.replies.pop(0) if len(fake.replies) > 1 else fake.replies[0]
                reply = json.dumps({
                    "id": "chatcmpl-1", "object": "chat.completion", "model": "fake-model",
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def close(self):
        self.httpd.shutdown()


SQL = "MEANING: The customer with the largest amount\n```sql\nSELECT customer, amount FROM sales ORDER BY amount DESC LIMIT 1\n```"


def run_ui(tmp_path, replies, steps):
    require(BINARY.exists(), f"{BINARY} is not built")
    require(sync_playwright is not None, "the playwright Python package is not installed")
    fake = FakeOpenAI(replies)
    data = tmp_path / "data"
    data.mkdir()
    # <data-dir>/config.json is read at start
    (data / "config.json").write_text(json.dumps({"translator": "hybrid", "llm": {
        "provider": "openai", "model": "fake-model", "baseURL": fake.base, "timeoutSeconds": 5, "maxRepairTurns": 1}}))
    sales = tmp_path / "sales.csv"
    sales.write_text("region,amount,customer\nWest,100,Ann\nEast,250,Bob\nNorth,300,Dee\n")
    server = Server(data)
    server.start()
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = b.new_context(viewport={"width": 1280, "height": 900}).new_page()
            page.set_default_timeout(15_000)
            expect.set_options(timeout=15_000)
            errors = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(server.url)
            expect(page.locator(".conn")).to_have_attribute("data-state", "connected")
            page.set_input_files("#file", str(sales))
            expect(page.locator("#schema table.schema")).to_be_visible()
            steps(page)
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "llm-answer.png"), full_page=True)
            assert errors == [], errors
            b.close()
    finally:
        server.stop()
        fake.close()
    return fake


def test_a_declined_question_is_answered_by_the_model_with_a_badge(tmp_path):
    def steps(page):
        page.locator("#question").fill(DECLINED)
        page.locator("#question").press("Enter")
        answer = page.locator("article[aria-label=Answer]").last
        expect(answer.locator(".interpretation")).to_contain_text("The customer with the largest amount")
        expect(answer.locator(".translator-badge")).to_have_text("AI model")
        assert table_rows(answer) == [["Dee", "300"]]

    fake = run_ui(tmp_path, [SQL], steps)
    assert len(fake.received) == 1
    prompt = "\n".join(m["content"] for m in fake.received[0]["messages"])
    assert "Dee" not in prompt and "West" not in prompt  # schema only


def test_try_the_ai_model_after_a_clarification(tmp_path):
    def steps(page):
        page.locator("#question").fill(DECLINED)
        page.locator("#question").press("Enter")
        first = page.locator("article[aria-label=Answer]").last
        button = first.get_by_role("button", name="Try the AI model")
        expect(button).to_be_visible()
        expect(first.locator(".translator-badge")).to_have_count(0)
        button.click()
        answers = page.locator("article[aria-label=Answer]")
        expect(answers).to_have_count(2)
        expect(answers.last.locator(".translator-badge")).to_have_text("AI model")
        assert table_rows(answers.last) == [["Dee", "300"]]

    fake = run_ui(tmp_path, ["CLARIFY: what makes a good dinner companion?", SQL], steps)
    assert len(fake.received) == 2
