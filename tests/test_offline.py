"""The notebooks' kernels cannot reach the network: a socket beyond loopback fails the test."""
import os

import nbformat

from helpers import ROOT
from run_notebooks import execute

ATTEMPTS = {
    "connect": "import socket; socket.create_connection(('192.0.2.1', 80), timeout=1)",
    "dns": "import socket; socket.getaddrinfo('example.org', 443)",
    "download": "import urllib.request; urllib.request.urlopen('http://192.0.2.1/data.npz', timeout=1)",
}


def test_kernels_get_the_guard():
    startup = os.path.join(os.environ["IPYTHONDIR"], "profile_default", "startup", "00_no_network.py")
    assert open(startup).read() == (ROOT / "tests" / "no_network.py").read_text()


def test_a_notebook_that_opens_a_socket_fails():
    cells = [nbformat.v4.new_code_cell(code) for code in ATTEMPTS.values()]
    cells.append(nbformat.v4.new_code_cell(
        "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(); "
        "c = socket.create_connection(s.getsockname()); print('loopback ok')"))
    nb = nbformat.v4.new_notebook(cells=cells)
    execute(nb, ROOT, timeout=60, allow_errors=True)
    for name, cell in zip(ATTEMPTS, nb.cells):
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert errors and "run offline" in errors[0].evalue, f"{name} was not blocked: {cell.outputs}"
    assert "loopback ok" in nb.cells[-1].outputs[0].text
