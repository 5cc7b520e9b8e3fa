#!/usr/bin/env python3
"""SigV4 reference signatures from botocore for SigV4BotocoreTests.

Signs a fixed set of requests with botocore.auth.SigV4Auth (S3SigV4Auth for the s3-style cases) using fixed
credentials and a fixed clock, and prints one JSON array: for each case its input (method, wire URL, headers,
body, credentials, region, service, style, epoch seconds) and what botocore produced (canonical request, string
to sign, Authorization and the x-amz-* headers). The Swift test signs the same inputs and compares.
"""
import datetime
import json
import sys
from unittest import mock
from urllib.parse import quote

try:
    from botocore.auth import S3SigV4Auth, SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
except ImportError as error:  # the Swift test turns this into a failure naming the fix
    sys.stderr.write(f"botocore is not installed ({error}); install it with `python3 -m pip install botocore` "
                     "(scripts/test.sh installs it with moto)\n")
    sys.exit(3)

ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+token=="

JSON_BODY = json.dumps({
    "system": [{"text": "You translate questions to SQL."}],
    "messages": [{"role": "user", "content": [{"text": "How many rows are in sales? (café, 日本)"}]}],
    "inferenceConfig": {"maxTokens": 800, "temperature": 0},
}, ensure_ascii=False)

# name, method, endpoint, path (percent-encoded as sent), query pairs (raw), headers, body, token?, region, service, style, date
CASES = [
    ("get-vanilla", "GET", "https://example.amazonaws.com", "/", None, [], "", False,
     "us-east-1", "service", "standard", (2015, 8, 30, 12, 36, 0)),
    ("get-query-unsorted-url", "GET", "https://example.amazonaws.com", "/", "Param2=value2&Param1=value1", [], "", False,
     "us-east-1", "service", "standard", (2015, 8, 30, 12, 36, 0)),
    ("post-vanilla", "POST", "https://example.amazonaws.com", "/", None, [], "", False,
     "us-east-1", "service", "standard", (2015, 8, 30, 12, 36, 0)),
    ("bedrock-converse-json", "POST", "https://bedrock-runtime.us-east-1.amazonaws.com",
     "/model/amazon.nova-lite-v1%3A0/converse", None,
     [("Content-Type", "application/json"), ("Accept", "application/json")], JSON_BODY, False,
     "us-east-1", "bedrock", "standard", (2026, 12, 5, 1, 30, 59)),
    ("bedrock-converse-session-token", "POST", "https://bedrock-runtime.eu-west-3.amazonaws.com",
     "/model/eu.amazon.nova-micro-v1%3A0/converse", None,
     [("Content-Type", "application/json")], JSON_BODY, True,
     "eu-west-3", "bedrock", "standard", (2024, 2, 29, 23, 59, 59)),
    ("bedrock-loopback-port", "POST", "http://127.0.0.1:8080",
     "/model/amazon.nova-pro-v1%3A0/converse", None,
     [("Content-Type", "application/json"), ("User-Agent", "tabletalk/1.0")], "{}", False,
     "us-west-2", "bedrock", "standard", (2026, 1, 1, 0, 0, 0)),
    ("get-query-spaces-unicode-reserved", "GET", "https://glue.us-east-1.amazonaws.com", "/", [
        ("name", "sales 2024"), ("filter", "a+b=c&d/e"), ("city", "Zürich"), ("kanji", "日本"),
        ("tilde~", "x~y*z"), ("empty", ""), ("Name", "Upper"), ("dup", "b"), ("dup", "a"), ("pct", "100%"),
    ], [("X-Amz-Target", "AWSGlue.GetTables")], "", False,
     "us-east-1", "glue", "standard", (2026, 12, 5, 1, 30, 59)),
    ("get-query-session-token", "GET", "https://athena.ap-southeast-2.amazonaws.com", "/", [("Action", "List Things")],
     [], "", True, "ap-southeast-2", "athena", "standard", (2026, 12, 5, 1, 30, 59)),
    ("post-headers-whitespace", "POST", "https://dynamodb.us-east-1.amazonaws.com", "/", None, [
        ("Content-Type", "application/x-amz-json-1.0"), ("X-Amz-Target", "DynamoDB_20120810.Query"),
        ("My-Header1", "  value1   with   spaces  "), ("my-header2", "\"quoted\""),
    ], '{"TableName":"tabletalk"}', False, "us-east-1", "dynamodb", "standard", (2026, 12, 5, 1, 30, 59)),
    ("standard-path-dot-segments", "GET", "https://example.amazonaws.com", "/a/./b/../c//d%20e/", None, [], "", False,
     "us-east-1", "service", "standard", (2015, 8, 30, 12, 36, 0)),
    ("s3-get-object", "GET", "https://my-bucket.s3.us-east-1.amazonaws.com", "/photos/2024/a%20b%2Bc.jpg", None, [],
     "", False, "us-east-1", "s3", "s3", (2026, 12, 5, 1, 30, 59)),
    ("s3-put-object-token-query", "PUT", "https://s3.eu-central-1.amazonaws.com", "/tabletalk-data/uploads//sales.csv",
     [("x-id", "PutObject"), ("tagging", "a=b c")], [("Content-Type", "text/csv")], "region,amount\nnorth,12\n", True,
     "eu-central-1", "s3", "s3", (2026, 12, 5, 1, 30, 59)),
    ("s3-list-query", "GET", "https://s3.us-east-1.amazonaws.com", "/tabletalk-data", [
        ("list-type", "2"), ("prefix", "uploads/2024 q1/"), ("delimiter", "/"),
    ], [], "", False, "us-east-1", "s3", "s3", (2026, 12, 5, 1, 30, 59)),
]


class Capture:
    """Keeps the canonical request and string to sign botocore computes while signing."""

    def canonical_request(self, request):
        text = super().canonical_request(request)
        self.captured_canonical = text
        return text

    def string_to_sign(self, request, canonical_request):
        text = super().string_to_sign(request, canonical_request)
        self.captured_sts = text
        return text


class CapturingSigV4(Capture, SigV4Auth):
    pass


class CapturingS3SigV4(Capture, S3SigV4Auth):
    pass


def encode_query(query):
    if query is None:
        return ""
    if isinstance(query, str):
        return "?" + query
    return "?" + "&".join(f"{quote(k, safe='-_.~')}={quote(v, safe='-_.~')}" for k, v in query)


def main():
    out = []
    for name, method, endpoint, path, query, headers, body, with_token, region, service, style, date in CASES:
        wire_url = endpoint + path + encode_query(query)
        credentials = Credentials(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN if with_token else None)
        auth_class = CapturingS3SigV4 if style == "s3" else CapturingSigV4
        auth = auth_class(credentials, service, region)
        body_bytes = body.encode("utf-8")
        request = AWSRequest(method=method, url=endpoint + path + ("" if isinstance(query, list) else encode_query(query)),
                             headers=dict(headers), data=body_bytes,
                             params=query if isinstance(query, list) else None)
        fixed = datetime.datetime(*date)
        with mock.patch("botocore.auth.get_current_datetime", return_value=fixed):
            auth.add_auth(request)
        epoch = (fixed - datetime.datetime(1970, 1, 1)).total_seconds()
        out.append({
            "name": name, "method": method, "url": wire_url, "headers": [list(h) for h in headers], "body": body,
            "accessKeyId": ACCESS_KEY, "secretAccessKey": SECRET_KEY,
            "sessionToken": SESSION_TOKEN if with_token else None,
            "region": region, "service": service, "style": style, "epochSeconds": epoch,
            "expected": {
                "canonicalRequest": auth.captured_canonical,
                "stringToSign": auth.captured_sts,
                "authorization": request.headers["Authorization"],
                "amzDate": request.headers["X-Amz-Date"],
                "securityToken": request.headers.get("X-Amz-Security-Token"),
                "contentSHA256": request.headers.get("X-Amz-Content-SHA256"),
            },
        })
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
