"""A gRPC client in Python reads the example server's errors (examples/grpc.rs) with Google's
own libraries: grpcio calls the method, grpcio-status gives the google.rpc.Status, and
googleapis-common-protos' error_details_pb2 decodes its ErrorInfo, RetryInfo, BadRequest, Help
and LocalizedMessage. Each must be what tonic-types decodes from the same status in Rust
(`cargo run --example grpc -- expected`, one JSON line per error, on stdin).

Usage: python read_details.py HOST:PORT < expected.jsonl
"""

import json
import sys

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status

METHOD = "/errwire.example.Errors/Send"


def ask(index):
    """The request message, field 1 a varint: protobuf's encoding, written by hand."""
    out = bytearray()
    if index:
        out.append(0x08)
        while True:
            byte = index & 0x7F
            index >>= 7
            out.append(byte | (0x80 if index else 0))
            if not index:
                break
    return bytes(out)


def decode(error):
    """What this client reads of an error, in the shape the Rust side prints."""
    status = rpc_status.from_call(error)
    assert status is not None, "the status has no google.rpc.Status details"
    assert status.code == error.code().value[0]
    assert status.message == error.details()
    read = {
        "code": status.code,
        "message": status.message,
        "reason": None,
        "domain": None,
        "metadata": None,
        "retry_delay": None,
        "violations": None,
        "help": None,
        "localized": None,
    }
    for detail in status.details:
        for kind in (
            error_details_pb2.ErrorInfo,
            error_details_pb2.RetryInfo,
            error_details_pb2.BadRequest,
            error_details_pb2.Help,
            error_details_pb2.LocalizedMessage,
        ):
            if detail.Is(kind.DESCRIPTOR):
                message = kind()
                detail.Unpack(message)
                break
        else:
            raise AssertionError(f"a detail of an unknown type: {detail.type_url}")
        if isinstance(message, error_details_pb2.ErrorInfo):
            read["reason"] = message.reason
            read["domain"] = message.domain
            read["metadata"] = dict(message.metadata)
        elif isinstance(message, error_details_pb2.RetryInfo):
            delay = message.retry_delay
            read["retry_delay"] = delay.seconds + delay.nanos / 1e9
        elif isinstance(message, error_details_pb2.BadRequest):
            read["violations"] = [[v.field, v.description] for v in message.field_violations]
        elif isinstance(message, error_details_pb2.Help):
            read["help"] = [link.url for link in message.links]
        else:
            read["localized"] = [message.locale, message.message]
    return read


def main():
    address = sys.argv[1]
    expected = [json.loads(line) for line in sys.stdin if line.strip()]
    assert expected, "no errors to read"
    kinds = set()
    with grpc.insecure_channel(address) as channel:
        grpc.channel_ready_future(channel).result(timeout=10)
        send = channel.unary_unary(METHOD)
        for index, want in enumerate(expected):
            try:
                send(ask(index), timeout=10)
            except grpc.RpcError as error:
                got = decode(error)
            else:
                raise AssertionError(f"error {index}: the call succeeded")
            if got != want:
                raise AssertionError(f"error {index}:\n  read     {got}\n  expected {want}")
            kinds.update(key for key, value in got.items() if value is not None)
    # The example's errors carry every kind of detail errwire sends.
    for kind in ("reason", "metadata", "retry_delay", "violations", "help", "localized"):
        assert kind in kinds, f"no error carried {kind}"
    print(f"read {len(expected)} errors over gRPC from Python: {sorted(kinds)}")


if __name__ == "__main__":
    main()
