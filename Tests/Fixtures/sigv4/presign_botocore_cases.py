#!/usr/bin/env python3
"""Presigned-URL references from botocore for S3PresignBotocoreTests.

Presigns a fixed set of S3 requests (multipart UploadPart on virtual-hosted and path-style URLs, with and without
a session token, keys with spaces and unicode) with botocore.auth.S3SigV4QueryAuth using fixed credentials and a
fixed clock, and prints one JSON array: each case's input (method, wire URL, credentials, region, expiry, epoch
seconds) and botocore's presigned URL. The Swift test presigns the same inputs and compares the URLs byte for byte.
"""
import datetime
import json
import sys
from unittest import mock
from urllib.parse import quote

try:
    from botocore.auth import S3SigV4QueryAuth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
except ImportError as error:  # the Swift test turns this into a failure naming the fix
    sys.stderr.write(f"botocore is not installed ({error}); install it with `python3 -m pip install botocore` "
                     "(scripts/test.sh installs it with moto)\n")
    sys.exit(3)

ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+token=="
UPLOAD_ID = "VXBsb2FkIElEIGZvciBlbHZpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA--"

# name, method, endpoint, key path (raw), query pairs (raw), token?, region, expires seconds, date
CASES = [
    ("upload-part-virtual-hosted", "PUT", "https://tabletalk-data.s3.eu-west-1.amazonaws.com",
     "/prod/users/alice/uploads/0123abcd/sales.csv", [("partNumber", "1"), ("uploadId", UPLOAD_ID)], False,
     "eu-west-1", 3600, (2026, 12, 5, 1, 30, 59)),
    ("upload-part-session-token", "PUT", "https://tabletalk-data.s3.us-east-1.amazonaws.com",
     "/users/bob/uploads/ff00/Q1 report (final).csv", [("partNumber", "12"), ("uploadId", UPLOAD_ID)], True,
     "us-east-1", 900, (2026, 12, 5, 1, 30, 59)),
    ("upload-part-path-style-loopback", "PUT", "http://127.0.0.1:5000",
     "/tt-bucket/users/local/uploads/9/caf\u00e9 \u65e5\u672c.csv", [("partNumber", "10000"), ("uploadId", "abc+/=")], False,
     "us-east-1", 604800, (2024, 2, 29, 23, 59, 59)),
    ("get-object-short-expiry", "GET", "https://tabletalk-data.s3.ap-southeast-2.amazonaws.com",
     "/users/a/b.csv", [], False, "ap-southeast-2", 1, (2026, 1, 1, 0, 0, 0)),
]


def wire_url(endpoint, path, query):
    url = endpoint + quote(path, safe="/-_.~")
    if query:
        url += "?" + "&".join(f"{quote(k, safe='-_.~')}={quote(v, safe='-_.~')}" for k, v in query)
    return url


def main():
    out = []
    for name, method, endpoint, path, query, with_token, region, expires, date in CASES:
        url = wire_url(endpoint, path, query)
        credentials = Credentials(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN if with_token else None)
        auth = S3SigV4QueryAuth(credentials, "s3", region, expires=expires)
        request = AWSRequest(method=method, url=url)
        fixed = datetime.datetime(*date)
        with mock.patch("botocore.auth.get_current_datetime", return_value=fixed):
            auth.add_auth(request)
        epoch = (fixed - datetime.datetime(1970, 1, 1)).total_seconds()
        out.append({
            "name": name, "method": method, "url": url,
            "accessKeyId": ACCESS_KEY, "secretAccessKey": SECRET_KEY,
            "sessionToken": SESSION_TOKEN if with_token else None,
            "region": region, "expires": expires, "epochSeconds": epoch,
            "presigned": request.url,
        })
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
