"""An S3-compatible object store on loopback (moto's S3 server, a real HTTP server), for the
document store's `s3://` backend. s3fs finds it the way it finds a real one in production:
through the AWS environment variables (endpoint, keys, region), never through the URL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

S3_ENVIRONMENT = ("AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                  "AWS_DEFAULT_REGION")


@contextmanager
def s3_server() -> Iterator[str]:
    """Start the server and point this process's AWS environment at it; yields its address.
    The environment is restored afterwards."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    saved = {name: os.environ.get(name) for name in S3_ENVIRONMENT}
    os.environ.update({"AWS_ENDPOINT_URL": endpoint, "AWS_ACCESS_KEY_ID": "avtaleflyt-test",
                       "AWS_SECRET_ACCESS_KEY": "avtaleflyt-test",
                       "AWS_DEFAULT_REGION": "eu-north-1"})
    try:
        yield endpoint
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        server.stop()


def new_bucket(endpoint: str) -> str:
    """A bucket of its own for one test; its name."""
    import boto3

    name = f"avtaleflyt-{uuid.uuid4().hex[:12]}"
    boto3.client("s3", endpoint_url=endpoint).create_bucket(
        Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"})
    return name
