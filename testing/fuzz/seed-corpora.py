#!/usr/bin/env python3
"""Writes the seed inputs of the Jazzer fuzz targets (docs/fuzzing.md) into their corpus folders.

Seeds are meaningful inputs the fuzzer starts from: the client and server lines of the repository's
transcripts, the examples of the RFCs (../shared/rfc), the standard scenarios, a small selection of
the shared MIME corpus (../shared/corpus, permissive licences only, see ORIGIN.md), and hand-written
hostile inputs. Each seed is named seed-<source>-<n>; found inputs keep the fuzzer's own names.
Run from the repository root:  python3 testing/fuzz/seed-corpora.py
"""
import glob
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# shared/ sits beside the repository (in a git worktree under wt/, one level further up).
SHARED = next((p for p in (os.path.join(os.path.dirname(ROOT), "shared"),
                           os.path.join(os.path.dirname(os.path.dirname(ROOT)), "shared")) if os.path.isdir(p)),
              os.path.join(os.path.dirname(ROOT), "shared"))
RES = "src/test/resources"

IMAP_COMMANDS = f"protocol-imap/{RES}/org/maillab/imap/codec/FramerFuzzTestInputs/framerThenCommandParser"
IMAP_RESPONSES = f"protocol-imap/{RES}/org/maillab/imap/codec/ResponseParserFuzzTestInputs/framerThenResponseParser"
POP3 = f"protocol-pop3/{RES}/org/maillab/pop3/codec/CommandParserFuzzTestInputs/framerParserAndSession"
MIME = f"mime/{RES}/org/maillab/mime/parse/MimeParserFuzzTestInputs/tokenizerAndParser"
SCENARIO = f"simulator/{RES}/org/maillab/simulator/scenario/ScenarioParserFuzzTestInputs/parserThenFormatter"

ANNOUNCEMENT = re.compile(rb"\{(\d+)\+?\}$")


WRITTEN = set()


def write(folder, name, data):
    """Writes one seed, unless the folder already got the same bytes from another source."""
    if (folder, data) in WRITTEN:
        return
    WRITTEN.add((folder, data))
    path = os.path.join(ROOT, folder)
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, name), "wb") as f:
        f.write(data)


def unregex(line):
    """An S~ line of a transcript is a regular expression; make it a plausible literal line."""
    line = line.replace(r"\d+", "1").replace(".*", "x")
    return re.sub(r"\\(.)", r"\1", line)


def transcript_lines(path, sides):
    """(side, bytes) of a transcript's lines; sides are prefixes such as 'C' or 'S'."""
    out = []
    for raw in open(path, encoding="utf-8"):
        raw = raw.rstrip("\n")
        m = re.match(r"^([CS])(\d?)([:~]) ?(.*)$", raw)
        if not m or m.group(1) not in sides:
            continue
        text = unregex(m.group(4)) if m.group(3) == "~" else m.group(4)
        out.append((m.group(1) + m.group(2), text.encode("utf-8")))
    return out


def split_commands(stream):
    """Splits a CRLF byte stream into whole commands (or responses), following literal announcements."""
    commands, start, at = [], 0, 0
    while at < len(stream):
        lf = stream.find(b"\n", at)
        if lf < 0:
            break
        line = stream[at:lf].rstrip(b"\r")
        at = lf + 1
        m = ANNOUNCEMENT.search(line)
        if m:
            at = min(len(stream), at + int(m.group(1)))
            continue
        commands.append(stream[start:at])
        start = at
    return commands


def rfc_lines(number, side):
    path = os.path.join(SHARED, "rfc", f"rfc{number}.txt")
    if not os.path.exists(path):
        return []
    lines = []
    for raw in open(path, encoding="utf-8", errors="replace"):
        m = re.match(r"^\s+" + side + r": (.*)$", raw.rstrip("\n"))
        if m:
            lines.append(m.group(1).rstrip().encode("utf-8"))
    return lines


def imap():
    for path in sorted(glob.glob(os.path.join(ROOT, f"protocol-imap/{RES}/transcripts/*.txt"))):
        name = os.path.basename(path)[:-4]
        for side, folder in (("C", IMAP_COMMANDS), ("S", IMAP_RESPONSES)):
            by_peer = {}
            for peer, text in transcript_lines(path, side):
                by_peer.setdefault(peer, []).append(text)
            for peer, lines in by_peer.items():
                stream = b"".join(l + b"\r\n" for l in lines)
                for i, command in enumerate(split_commands(stream)):
                    write(folder, f"seed-{name}{peer[1:]}-{i:02d}", command)
    for rfc in ("9051", "3501", "7162", "4314", "9208", "5256", "4978", "7888", "4469", "5258", "6154"):
        for side, folder in (("C", IMAP_COMMANDS), ("S", IMAP_RESPONSES)):
            stream = b"".join(l + b"\r\n" for l in rfc_lines(rfc, side))
            for i, command in enumerate(split_commands(stream)):
                write(folder, f"seed-rfc{rfc}-{i:03d}", command)
    hostile = {
        "literal-plus-zero": b"a APPEND INBOX {0+}\r\n\r\n",
        "literal-minus-edge": b"a LOGIN {4096+}\r\n" + b"x" * 8 + b"\r\n",
        "two-literals": b"a LOGIN {4}\r\nfred {6}\r\nsecret\r\n",
        "overlong-line": b"a1 " + b"A" * 200 + b"\r\na2 NOOP\r\n",
        "overlong-then-literal": b"a1 " + b"A" * 200 + b" {5+}\r\nhello\r\na2 NOOP\r\n",
        "bare-lf-and-cr": b"a1 NOOP\na2 NO\rOP\r\n",
        "search-nesting": b"a SEARCH " + b"(" * 70 + b"ALL" + b")" * 70 + b"\r\n",
        "sequence-edges": b"a FETCH 4294967295:*,0,4294967296 (UID)\r\n",
        "partial-edges": b"a FETCH 1 BODY[]<4294967295.4294967295>\r\n",
    }
    for name, data in hostile.items():
        write(IMAP_COMMANDS, f"seed-hostile-{name}", data)


def pop3():
    for path in sorted(glob.glob(os.path.join(ROOT, f"protocol-pop3/{RES}/transcripts/*.txt"))):
        name = os.path.basename(path)[:-4]
        lines = [text.replace(b"{APOP tanstaaf}", b"c4c9334bac560ecc979e58001b3e22fb")
                 for _, text in transcript_lines(path, "C")]
        write(POP3, f"seed-{name}", b"".join(l + b"\r\n" for l in lines))
    for rfc in ("1939", "2449", "5034", "2595"):
        lines = rfc_lines(rfc, "C")
        if lines:
            write(POP3, f"seed-rfc{rfc}", b"".join(l + b"\r\n" for l in lines))
    write(POP3, "seed-login-retr-top", b"USER alice\r\nPASS wonderland\r\nSTAT\r\nLIST\r\nUIDL 1\r\n"
          b"TOP 1 0\r\nRETR 1\r\nDELE 1\r\nRSET\r\nQUIT\r\n")
    write(POP3, "seed-auth-plain", b"AUTH PLAIN\r\nAGFsaWNlAHdvbmRlcmxhbmQ=\r\nLIST\r\nQUIT\r\n")
    write(POP3, "seed-huge-numbers", b"USER alice\r\nPASS wonderland\r\nRETR 4294967297\r\n"
          b"TOP 1 99999999999999999999\r\nLIST -1\r\nDELE 0\r\n")


# Small messages from permissively licensed parts of the shared corpus (SOURCES.md beside it).
MIME_SELECTION = [
    "mime/mime4j/basic-plain.msg", "mime/mime4j/boundary-name-clash.msg",
    "mime/mime4j/multipartdigestnestedemptyparts.msg", "mime/mime4j/base64encoded-rfc822message-nested.msg",
    "mime/mime4j/missing-inner-start-boundary.msg", "mime/mime4j/qp-body.msg", "mime/mime4j/russian-headers.msg",
    "mime/mime4j/bad-newlines-multiple-parts.msg", "mime/mime4j/malformedHeader-nocrlfcrlf.msg",
    "mime/mime4j/weird-boundary.msg", "mime/mime4j/obsolete.msg",
    "mime/stalwart-rfc/rfc-001.eml", "mime/stalwart-rfc/rfc-005.eml",
]


# Written for this project (tools/mime-baseline/gen_samples.py): structure and header oddities.
HANDMADE = ["header-without-colon-midway.eml", "missing-header-separator.eml", "empty-multipart.eml",
            "leading-whitespace-and-mbox-from.eml", "bare-lf.eml", "undeclared-boundary.eml",
            "mixed-eol-bare-cr.eml", "missing-close-boundary.eml", "cs-iso-2022-jp.eml", "envelope-dates.eml",
            "ew-8bit-raw-headers.eml", "envelope-obsolete-syntax.eml", "digest-default-types.eml",
            "envelope-addresses.eml", "boundary-tricks.eml", "bad-quoted-printable.eml", "bad-base64.eml",
            "rfc2231-disorder.eml", "rfc822-chain.eml", "content-type-oddities.eml", "ew-edge-cases.eml",
            "rfc2231-continuations.eml", "deep-structure.eml"]


def mime():
    corpus = os.path.join(SHARED, "corpus")
    chosen = list(MIME_SELECTION)
    chosen += ["mime/handmade/" + name for name in HANDMADE]
    for rel in chosen:
        src = os.path.join(corpus, rel)
        if os.path.isfile(src) and os.path.getsize(src) < 4096:
            write(MIME, "seed-" + rel.split("/", 1)[1].replace("/", "__"), open(src, "rb").read())


def scenarios():
    for path in sorted(glob.glob(os.path.join(ROOT, "simulator/src/main/resources/scenarios/*.scenario"))):
        write(SCENARIO, "seed-" + os.path.basename(path), open(path, "rb").read())
    doc = open(os.path.join(ROOT, "docs/scenario-format.md"), encoding="utf-8").read()
    for i, block in enumerate(re.findall(r"```[a-z]*\n(.*?)```", doc, re.S)):
        write(SCENARIO, f"seed-scenario-format-{i:02d}", block.encode("utf-8"))


if __name__ == "__main__":
    for folder in (IMAP_COMMANDS, IMAP_RESPONSES, POP3, MIME, SCENARIO):
        for old in glob.glob(os.path.join(ROOT, folder, "seed-*")):
            os.remove(old)
    imap()
    pop3()
    mime()
    scenarios()
