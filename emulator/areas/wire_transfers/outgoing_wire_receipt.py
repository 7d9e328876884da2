"""The payment confirmation of a completed outgoing wire transfer: a one-page PDF naming the transfer, the
amount, the rail and the beneficiary, built by hand (a few lines of PDF need no library)."""
from __future__ import annotations


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def receipt(owt) -> bytes:
    lines = [f"Payment confirmation {owt.id}", f"Amount: {owt.amount} {owt.currency} (minor units)",
             f"Rail: {owt.rail}", f"Beneficiary: {owt.destination.get('name', '')}",
             f"Executed: {owt.execution_timestamp}"]
    text = "BT /F1 12 Tf 50 780 Td 16 TL " + " ".join(f"({_escape(line)}) '" for line in lines) + " ET"
    stream = text.encode("latin-1", "replace")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
