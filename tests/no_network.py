"""IPython startup file for the test kernels: any socket use beyond loopback raises PermissionError.

tests/conftest.py installs this file as the startup file of a private IPython profile and points
IPYTHONDIR at it, so every kernel nbval starts (and the kernels of the student tests) runs it first.
A chapter that tries to download anything, resolve a host name or open a connection then fails its test.
"""
import ipaddress
import sys


def _no_network(event, args):
    if event in ("socket.connect", "socket.sendto"):
        address = args[1]
    elif event == "socket.getaddrinfo":
        address = (args[0], args[1])
    elif event == "socket.gethostbyname":
        address = (args[0], None)
    else:
        return
    if isinstance(address, (str, bytes)):          # a Unix socket: stays on this machine
        return
    host = address[0].decode() if isinstance(address[0], bytes) else address[0]
    if host in (None, "", "localhost"):
        return
    try:
        if ipaddress.ip_address(host.split("%")[0]).is_loopback:
            return
    except ValueError:
        pass
    raise PermissionError(f"the book's tests run offline: {event} to {address!r} was blocked")


sys.addaudithook(_no_network)
