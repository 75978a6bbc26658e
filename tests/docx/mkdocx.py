#!/usr/bin/env python3
"""mkdocx.py - write Word (.docx) packages for the import tests.

Written independently of artrack's own export (zipfile and string
templates only), so the importer is tested against packages it did not
make.  Modes:

  mkdocx.py body OUT [--header XML]  a package whose w:body is the
                                     WordprocessingML on standard input
  mkdocx.py paper OUT TEXT [--seed N]  the Word copy of a tracker paper
                                     copied as text (the reference form):
                                     one table, a repeated header row
                                     (w:tblHeader), meeting rows merged
                                     across the columns and shaded, rows
                                     cut by page breaks made whole again,
                                     <b>/<i>/<sup> as run properties,
                                     and every run split mid-word around
                                     proofing marks, bookmarks and rsids
  mkdocx.py nodocument OUT           a zip with no word/document.xml
  mkdocx.py bomb OUT MEGABYTES       word/document.xml expanding to that size
"""
import html
import random
import re
import sys
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/>%s</Types>')
HEADER_TYPE = ('<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-'
               'officedocument.wordprocessingml.header+xml"/>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>')
DOC_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rIdH1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/header" Target="header1.xml"/></Relationships>')


def document(body):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:document xmlns:w="%s" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
            '<w:body>%s<w:sectPr/></w:body></w:document>' % (W, body))


def write_package(out, body, header=None):
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES % (HEADER_TYPE if header else ""))
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", document(body))
        if header is not None:
            z.writestr("word/_rels/document.xml.rels", DOC_RELS)
            z.writestr("word/header1.xml", '<?xml version="1.0" encoding="UTF-8"?>\n'
                       '<w:hdr xmlns:w="%s">%s</w:hdr>' % (W, header))


# ---- the reference text, read as its cells ----

TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:]*)[^<>]*?(/?)>")
PARAGRAPH_TAGS = {"p", "br", "div", "li", "ul", "ol", "tr", "td", "th", "table", "tbody", "thead"}


def ends_sentence(text):
    t = text.rstrip()
    while t and t[-1] in ")\"'\u2019\u201d":
        t = t[:-1].rstrip()
    return bool(t) and t[-1] in ".!?:"


def cell_paragraphs(cell):
    """A cell's markup as paragraphs, each a list of (text, bold, italic, sup)
    runs: <p>/<br> and two spaces where copying ran lines together end a
    paragraph (as the text import reads them)."""
    paragraphs = [[]]
    bold = italic = sup = 0
    pos = 0
    text_so_far = ""
    for m in list(TAG.finditer(cell)) + [None]:
        chunk = cell[pos:m.start()] if m else cell[pos:]
        # two spaces: a line break, unless a typist's double space after a full stop
        pieces = re.split(r"( {2,})", chunk)
        for k, piece in enumerate(pieces):
            if k % 2 == 1:
                at_tag = (k == 1 and pos > 0 and cell[pos - 1] == ">") or \
                    (k == len(pieces) - 2 and pieces[-1] == "" and m is not None)
                if at_tag or not ends_sentence(text_so_far):
                    paragraphs.append([])
                    continue
                piece = " "
            piece = html.unescape(piece).replace("\xa0", " ")
            if piece:
                paragraphs[-1].append((piece, bold > 0, italic > 0, sup > 0))
                text_so_far += piece
        if m is None:
            break
        closing, name = m.group(1) == "/", m.group(2).lower()
        if name in PARAGRAPH_TAGS:
            paragraphs.append([])
        elif name in ("b", "strong"):
            bold += -1 if closing else 1
        elif name in ("i", "em"):
            italic += -1 if closing else 1
        elif name == "sup":
            sup += -1 if closing else 1
        pos = m.end()
    out = []
    for p in paragraphs:
        while p and not p[0][0].strip():
            p.pop(0)
        while p and not p[-1][0].strip():
            p.pop()
        if p:
            out.append(p)
    return out


def plain(paragraphs):
    return "\n".join("".join(r[0] for r in p) for p in paragraphs)


def read_paper(path):
    """The paper's title and its rows: ("header", cells), ("meeting", text)
    or ("row", cells), each cell a list of paragraphs; rows cut by a page
    break joined again."""
    title = None
    rows = []
    after_break = False
    for line in open(path, encoding="utf-8").read().split("\n"):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        if "\t" not in line:
            if title is None:
                title = line.strip().strip("*").strip()
            after_break = True
            continue
        cells = [cell_paragraphs(c) for c in line.split("\t")]
        texts = [plain(c) for c in cells]
        if any(t.startswith("Lead") for t in texts) and any(t.startswith("Progress") for t in texts):
            if not any(kind == "header" for kind, _ in rows):
                rows.append(("header", cells))
            after_break = True
            continue
        filled = [i for i, t in enumerate(texts) if t]
        if len(filled) == 1 and filled[0] <= 1 and ("Meeting" in texts[filled[0]] or
                                                    re.fullmatch(r"\d+ \w+ \d{4}", texts[filled[0]])):
            rows.append(("meeting", cells[filled[0]]))
            after_break = False
            continue
        while len(cells) < 5:
            cells.append([])
        text = plain(cells[2])
        continues = (not texts[0] and after_break and rows and rows[-1][0] == "row" and
                     not (plain(cells[1]) and text and not text[0].islower()) and
                     not text.startswith("Recommendation"))
        if continues:
            previous = rows[-1][1]
            for c in range(1, 5):
                if not cells[c]:
                    continue
                if not previous[c]:
                    previous[c] = cells[c]
                elif ends_sentence(plain(previous[c])) and not plain(cells[c])[:1].islower():
                    previous[c] = previous[c] + cells[c]
                else:
                    previous[c] = previous[c][:-1] + [previous[c][-1] + [(" ", False, False, False)] +
                                                      cells[c][0]] + cells[c][1:]
        else:
            rows.append(("row", cells))
        after_break = False
    return title, rows


# ---- Word-isms ----

def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Runs:
    def __init__(self, seed):
        self.rnd = random.Random(seed)
        self.bookmark = 0

    def run(self, text, bold=False, italic=False, sup=False):
        props = ""
        if bold:
            props += "<w:b/>" if self.rnd.random() < 0.7 else '<w:b w:val="1"/><w:bCs/>'
        if italic:
            props += "<w:i/>"
        if sup:
            props += '<w:vertAlign w:val="superscript"/>'
        if not bold and self.rnd.random() < 0.1:
            props += '<w:b w:val="0"/>'
        rpr = '<w:rPr><w:rFonts w:ascii="Arial"/>%s<w:sz w:val="20"/></w:rPr>' % props
        rsid = ' w:rsidR="00%06X"' % self.rnd.randrange(1 << 24)
        return '<w:r%s>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (rsid, rpr, esc(text))

    def split(self, text, bold, italic, sup):
        """text as several runs, cut anywhere (mid-word too), with what Word
        puts between them."""
        out = []
        while text:
            cut = self.rnd.randint(1, max(1, min(len(text), 9)))
            piece, text = text[:cut], text[cut:]
            out.append(self.run(piece, bold, italic, sup))
            r = self.rnd.random()
            if text and r < 0.15:
                out.append('<w:proofErr w:type="spellStart"/>')
            elif text and r < 0.2:
                self.bookmark += 1
                out.append('<w:bookmarkStart w:id="%d" w:name="_Tmp%d"/><w:bookmarkEnd w:id="%d"/>'
                           % (self.bookmark, self.bookmark, self.bookmark))
            elif text and r < 0.25:
                out.append('<w:r><w:lastRenderedPageBreak/></w:r>')
        return "".join(out)

    def paragraph(self, runs):
        return '<w:p w:rsidR="00%06X"><w:pPr><w:spacing w:after="0"/><w:rPr><w:b/></w:rPr></w:pPr>%s</w:p>' % (
            self.rnd.randrange(1 << 24), "".join(self.split(*r) for r in runs))

    def cell(self, paragraphs, extra=""):
        body = "".join(self.paragraph(p) for p in paragraphs) or "<w:p/>"
        return "<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/>%s</w:tcPr>%s</w:tc>" % (extra, body)


def paper_body(path, seed):
    title, rows = read_paper(path)
    runs = Runs(seed)
    body = []
    if title:
        body.append('<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>%s</w:p>'
                    % runs.split(title, True, False, False))
    body.append('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
                '<w:tblGrid>' + '<w:gridCol w:w="2000"/>' * 5 + '</w:tblGrid>')
    for kind, cells in rows:
        if kind == "header":
            body.append('<w:tr><w:trPr><w:tblHeader/></w:trPr>%s</w:tr>'
                        % "".join(runs.cell(c) for c in (cells + [[]] * 5)[:5]))
        elif kind == "meeting":
            body.append('<w:tr>%s</w:tr>' % runs.cell(
                cells, '<w:gridSpan w:val="5"/><w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>'))
        else:
            body.append('<w:tr>%s</w:tr>' % "".join(runs.cell(c) for c in cells[:5]))
    body.append('</w:tbl>')
    return "".join(body)


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    mode, out = argv[1], argv[2]
    if mode == "body":
        header = argv[argv.index("--header") + 1] if "--header" in argv else None
        write_package(out, sys.stdin.read(), header)
    elif mode == "paper":
        seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 1
        write_package(out, paper_body(argv[3], seed))
    elif mode == "nodocument":
        with zipfile.ZipFile(out, "w") as z:
            z.writestr("[Content_Types].xml", CONTENT_TYPES % "")
            z.writestr("word/other.xml", "<x/>")
    elif mode == "bomb":
        size = int(argv[3]) << 20
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", CONTENT_TYPES % "")
            z.writestr("_rels/.rels", RELS)
            with z.open("word/document.xml", "w", force_zip64=True) as f:
                f.write(('<w:document xmlns:w="%s"><w:body>' % W).encode())
                block = b" " * (1 << 20)
                for _ in range(size >> 20):
                    f.write(block)
                f.write(b"</w:body></w:document>")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
