/* import_docx.c - a committee paper as a Word document (.docx), made a tracker.
 *
 * The package is opened with libzip from memory and word/document.xml (and
 * the page headers, word/header*.xml, where papers often put their title)
 * streamed through libxml2's xmlReader: no network, no DTD (Word never
 * writes one, and refusing it keeps entity expansion out), no part read
 * past a size limit however its zip entry describes itself.  The walk turns
 * the body into what the shared importer (import.c) reads: text outside the
 * tables, and for each row of a top-level table its cells placed in the
 * table's grid, each a document ('\n' between paragraphs and at w:br,
 * AR_IMPORT_BOUNDARY where bold, italic or underline changes).  Everything
 * after that - header rows, meeting headings, numbers, labels, leads, due
 * dates - is the same judgement as the text form's.
 */
#include "config.h"

#include "artrack/import.h"
#include "artrack/alloc.h"

#include <libxml/xmlreader.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_NS_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define MAX_COLUMNS 64     /* more grid columns than a tracker could have are refused */
#define MAX_FIELDS 32      /* nested complex fields followed */

enum { FMT_BOLD = 1, FMT_ITALIC = 2, FMT_UNDERLINE = 4 };

/* Where a warning's "line" points: a row of a table or a paragraph. */
struct place {
	int table;            /* 0: a paragraph outside the tables */
	int row;              /* the row in its table, or the paragraph's number */
	bool header_part;     /* a paragraph of a page header */
};

struct walker {
	struct ar_importer *im;
	const char *part;     /* the part's name, for messages */
	bool header_part;     /* a page header: all of it is text outside the table */
	int tables;           /* top-level tables seen */
	int tbl_depth;        /* w:tbl nesting */
	int row_in_table;
	int paragraphs;       /* non-empty paragraphs outside the tables */

	/* the row being read */
	bool in_row, header_row;
	struct ar_buf cells[MAX_COLUMNS];
	bool continued[MAX_COLUMNS];  /* vMerge continuation */
	struct ar_buf above[MAX_COLUMNS]; /* the vMerge restart cell of each column */
	size_t column;        /* the next grid column */
	size_t width;         /* columns used in this row */

	/* the cell being read */
	bool in_cell;
	size_t cell_column;
	long span;
	int vmerge;           /* 0 none, 1 restart, 2 continue */

	struct ar_buf paragraph; /* a paragraph outside the tables */
	struct ar_buf *target;   /* where text goes */
	int para_depth;          /* paragraph nesting */

	unsigned run_fmt, text_fmt;
	bool in_run, in_run_props;
	int field_depth;
	bool field_code[MAX_FIELDS]; /* between fldChar begin and separate */

	struct place *places;
	size_t place_count, place_capacity;
};

static int new_place(struct walker *w, int table, int row)
{
	AR_GROW(w->places, w->place_capacity, w->place_count + 1, 64);
	w->places[w->place_count++] = (struct place){table, row, w->header_part};
	return (int)w->place_count;
}

static bool is_w(const xmlChar *ns)
{
	return ns && (strcmp((const char *)ns, W_NS) == 0 || strcmp((const char *)ns, W_NS_STRICT) == 0);
}

/* The w:val attribute (or NULL). */
static xmlChar *w_val(xmlTextReaderPtr r)
{
	xmlChar *v = xmlTextReaderGetAttributeNs(r, BAD_CAST "val", BAD_CAST W_NS);
	if (!v)
		v = xmlTextReaderGetAttributeNs(r, BAD_CAST "val", BAD_CAST W_NS_STRICT);
	return v;
}

/* An on/off property (w:b, w:i): on unless w:val says 0, false or off. */
static bool w_on(xmlTextReaderPtr r)
{
	xmlChar *v = w_val(r);
	bool on = !v || !(strcmp((char *)v, "0") == 0 || strcmp((char *)v, "false") == 0 ||
	                  strcmp((char *)v, "off") == 0 || strcmp((char *)v, "none") == 0);
	xmlFree(v);
	return on;
}

static long w_number(xmlTextReaderPtr r, long fallback)
{
	xmlChar *v = w_val(r);
	long n = fallback;
	if (v) {
		char *end;
		n = strtol((char *)v, &end, 10);
		if (*end || n < 0)
			n = fallback;
	}
	xmlFree(v);
	return n;
}

static void add_text(struct walker *w, const char *s)
{
	if (!w->target)
		return;
	if (w->field_depth > 0 && w->field_code[w->field_depth - 1])
		return; /* a field's instructions, not its result */
	if (w->run_fmt != w->text_fmt) {
		ar_buf_addc(w->target, AR_IMPORT_BOUNDARY);
		w->text_fmt = w->run_fmt;
	}
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\t' || *p == '\n' || *p == '\r')
			ar_buf_addc(w->target, ' ');
		else if (p[0] == 0xc2 && p[1] == 0xa0)
			ar_buf_addc(w->target, ' '), p++; /* no-break space */
		else if (p[0] == 0xc2 && p[1] == 0xad)
			p++;                              /* soft hyphen */
		else
			ar_buf_addc(w->target, (char)*p);
	}
}

static void start_row(struct walker *w)
{
	w->in_row = true;
	w->header_row = false;
	w->column = 0;
	w->width = 0;
	for (size_t c = 0; c < MAX_COLUMNS; c++) {
		ar_buf_reset(&w->cells[c]);
		w->continued[c] = false;
	}
	w->row_in_table++;
}

static void end_row(struct walker *w)
{
	w->in_row = false;
	size_t width = w->width;
	bool continues = width > 0 && w->continued[0];
	for (size_t c = 0; c < width; c++) {
		if (!w->continued[c]) {
			ar_buf_reset(&w->above[c]);
			ar_buf_add(&w->above[c], w->cells[c].data ? w->cells[c].data : "", w->cells[c].len);
		} else if (!continues) {
			/* a cell merged with the one above says the same: a topic or a
			 * lead shared by two items */
			ar_buf_reset(&w->cells[c]);
			ar_buf_add(&w->cells[c], w->above[c].data ? w->above[c].data : "", w->above[c].len);
		}
	}
	int place = new_place(w, w->tables, w->row_in_table);
	ar_importer_row(w->im, place, w->cells, width,
	                w->header_row ? AR_IMPORT_HEADER_ROW : continues ? AR_IMPORT_CONTINUED_ROW : AR_IMPORT_ROW);
}

static void end_cell(struct walker *w)
{
	w->in_cell = false;
	w->target = NULL;
	size_t col = w->cell_column;
	if (w->vmerge == 2 && col < MAX_COLUMNS)
		w->continued[col] = true;
	size_t span = w->span > 0 ? (size_t)w->span : 1;
	w->column = col + span;
	if (w->column > MAX_COLUMNS)
		w->column = MAX_COLUMNS;
	if (w->column > w->width)
		w->width = w->column;
}

static void end_paragraph(struct walker *w)
{
	if (!w->target)
		return;
	ar_buf_addc(w->target, '\n');
	if (w->target == &w->paragraph) {
		bool visible = false;
		for (size_t i = 0; i < w->paragraph.len; i++)
			if (w->paragraph.data[i] != ' ' && w->paragraph.data[i] != '\n' &&
			    w->paragraph.data[i] != AR_IMPORT_BOUNDARY)
				visible = true;
		if (visible) {
			int place = new_place(w, 0, ++w->paragraphs);
			ar_importer_text(w->im, place, w->paragraph.data, w->paragraph.len);
		}
		ar_buf_reset(&w->paragraph);
		w->target = NULL;
	}
}

/* An element opens (empty: it closes at once too). */
static void open_element(struct walker *w, xmlTextReaderPtr r, const char *name, bool empty)
{
	if (strcmp(name, "tbl") == 0) {
		if (w->tbl_depth++ == 0 && !w->header_part) {
			w->tables++;
			w->row_in_table = 0;
			for (size_t c = 0; c < MAX_COLUMNS; c++)
				ar_buf_reset(&w->above[c]);
		}
		return;
	}
	bool top = w->tbl_depth == 1 && !w->header_part;
	if (top && strcmp(name, "tr") == 0 && !w->in_row) {
		start_row(w);
	} else if (top && strcmp(name, "gridBefore") == 0 && w->in_row && !w->in_cell) {
		long n = w_number(r, 0);
		w->column += n > MAX_COLUMNS ? MAX_COLUMNS : (size_t)n;
		if (w->column > MAX_COLUMNS)
			w->column = MAX_COLUMNS;
	} else if (top && strcmp(name, "tblHeader") == 0 && w->in_row && !w->in_cell) {
		w->header_row = w_on(r);
	} else if (top && strcmp(name, "tc") == 0 && w->in_row && !w->in_cell) {
		w->in_cell = true;
		w->cell_column = w->column < MAX_COLUMNS ? w->column : MAX_COLUMNS - 1;
		w->span = 1;
		w->vmerge = 0;
		w->target = &w->cells[w->cell_column];
		if (empty)
			end_cell(w);
	} else if (top && strcmp(name, "gridSpan") == 0 && w->in_cell) {
		w->span = w_number(r, 1);
	} else if (top && strcmp(name, "vMerge") == 0 && w->in_cell) {
		xmlChar *v = w_val(r);
		w->vmerge = v && strcmp((char *)v, "restart") == 0 ? 1 : 2;
		xmlFree(v);
	} else if (strcmp(name, "p") == 0) {
		if (w->para_depth++ == 0) {
			if (w->tbl_depth == 0 || w->header_part) {
				ar_buf_reset(&w->paragraph);
				w->target = &w->paragraph;
			} else if (!w->in_cell) {
				w->target = NULL; /* a paragraph of a table but of no cell */
			}
			w->text_fmt = 0;
		}
		if (empty && --w->para_depth == 0)
			end_paragraph(w);
	} else if (strcmp(name, "r") == 0) {
		w->run_fmt = 0;
		w->in_run = !empty;
	} else if (strcmp(name, "rPr") == 0) {
		w->in_run_props = w->in_run && !empty; /* not a paragraph mark's properties */
	} else if (w->in_run_props && (strcmp(name, "b") == 0 || strcmp(name, "i") == 0 || strcmp(name, "u") == 0)) {
		unsigned bit = name[0] == 'b' ? FMT_BOLD : name[0] == 'i' ? FMT_ITALIC : FMT_UNDERLINE;
		if (w_on(r))
			w->run_fmt |= bit;
		else
			w->run_fmt &= ~bit;
	} else if (!w->in_run || w->in_run_props) {
		/* what follows only means something in a run's content */
	} else if (strcmp(name, "tab") == 0 || strcmp(name, "ptab") == 0) {
		add_text(w, " ");
	} else if ((strcmp(name, "br") == 0 || strcmp(name, "cr") == 0) && w->target) {
		ar_buf_addc(w->target, '\n');
	} else if (strcmp(name, "noBreakHyphen") == 0) {
		add_text(w, "-");
	} else if (strcmp(name, "fldChar") == 0) {
		xmlChar *type = xmlTextReaderGetAttributeNs(r, BAD_CAST "fldCharType", BAD_CAST W_NS);
		if (!type)
			type = xmlTextReaderGetAttributeNs(r, BAD_CAST "fldCharType", BAD_CAST W_NS_STRICT);
		const char *t = type ? (const char *)type : "";
		if (strcmp(t, "begin") == 0) {
			if (w->field_depth < MAX_FIELDS)
				w->field_code[w->field_depth] = true;
			w->field_depth++;
		} else if (strcmp(t, "separate") == 0 && w->field_depth > 0 && w->field_depth <= MAX_FIELDS) {
			w->field_code[w->field_depth - 1] = false;
		} else if (strcmp(t, "end") == 0 && w->field_depth > 0) {
			w->field_depth--;
		}
		xmlFree(type);
	}
}

static void close_element(struct walker *w, const char *name)
{
	if (strcmp(name, "tbl") == 0) {
		if (w->tbl_depth > 0)
			w->tbl_depth--;
		return;
	}
	bool top = w->tbl_depth == 1 && !w->header_part;
	if (top && strcmp(name, "tr") == 0 && w->in_row) {
		if (w->in_cell)
			end_cell(w);
		end_row(w);
	} else if (top && strcmp(name, "tc") == 0 && w->in_cell) {
		end_cell(w);
	} else if (strcmp(name, "p") == 0 && w->para_depth > 0) {
		if (--w->para_depth == 0)
			end_paragraph(w);
		else if (w->target)
			ar_buf_addc(w->target, '\n'); /* a paragraph in a text box or nested table */
	} else if (strcmp(name, "rPr") == 0) {
		w->in_run_props = false;
	} else if (strcmp(name, "r") == 0) {
		w->in_run = false;
	}
}

/* The first problem libxml2 reports, with its place. */
struct xml_problem {
	bool set;
	int line, column;
	char message[200];
};

static void note_xml_error(void *arg, xmlErrorPtr e)
{
	struct xml_problem *p = arg;
	if (p->set || !e || e->level < XML_ERR_ERROR)
		return;
	p->set = true;
	p->line = e->line;
	p->column = e->int2;
	snprintf(p->message, sizeof p->message, "%s", e->message ? e->message : "malformed XML");
	size_t n = strlen(p->message);
	while (n && (p->message[n - 1] == '\n' || p->message[n - 1] == ' '))
		p->message[--n] = '\0';
}

/* Walk one part's XML.  AR_EDATA with err set when it is not well-formed
 * WordprocessingML. */
static enum ar_rc walk_part(struct walker *w, const char *xml, size_t len, struct ar_error *err)
{
	struct xml_problem problem = {0};
	xmlTextReaderPtr r = xmlReaderForMemory(xml, (int)len, w->part, NULL,
	                                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!r) {
		ar_error_set(err, 0, 0, "not a Word document: %s cannot be read as XML", w->part);
		return AR_EDATA;
	}
	xmlTextReaderSetStructuredErrorHandler(r, note_xml_error, &problem);
	enum ar_rc rc = AR_OK;
	bool root = true;
	int ret = xmlTextReaderRead(r);
	while (ret == 1) {
		int type = xmlTextReaderNodeType(r);
		if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY_REFERENCE) {
			ar_error_set(err, 0, 0, "not a Word document: %s declares a DTD or entities (Word never does)", w->part);
			rc = AR_EDATA;
			break;
		}
		if (type == XML_READER_TYPE_ELEMENT) {
			const char *name = (const char *)xmlTextReaderConstLocalName(r);
			const xmlChar *ns = xmlTextReaderConstNamespaceUri(r);
			bool empty = xmlTextReaderIsEmptyElement(r) == 1;
			if (root) {
				root = false;
				bool want = w->header_part ? strcmp(name, "hdr") == 0 : strcmp(name, "document") == 0;
				if (!is_w(ns) || !want) {
					ar_error_set(err, 0, 0, "not a Word document: %s holds <%s>, not WordprocessingML", w->part,
					             (const char *)xmlTextReaderConstName(r));
					rc = AR_EDATA;
					break;
				}
			}
			if (is_w(ns) && (strcmp(name, "del") == 0 || strcmp(name, "moveFrom") == 0 ||
			                 strcmp(name, "delText") == 0 || strcmp(name, "instrText") == 0)) {
				/* tracked deletions and moved-away text are not the paper's text */
				ret = xmlTextReaderNext(r); /* on the sibling, read as it is */
				continue;
			}
			if (ns && strcmp((const char *)ns, MC_NS) == 0 && strcmp(name, "Fallback") == 0) {
				/* the same content again for older readers */
				ret = xmlTextReaderNext(r);
				continue;
			}
			if (is_w(ns) && strcmp(name, "t") == 0 && !empty) {
				/* only w:t holds text; whitespace between elements is layout */
				xmlChar *text = xmlTextReaderReadString(r);
				if (text)
					add_text(w, (const char *)text);
				xmlFree(text);
			} else if (is_w(ns)) {
				open_element(w, r, name, empty);
				if (empty)
					close_element(w, name);
			}
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			if (is_w(xmlTextReaderConstNamespaceUri(r)))
				close_element(w, (const char *)xmlTextReaderConstLocalName(r));
		}
		ret = xmlTextReaderRead(r);
	}
	if (rc == AR_OK && (ret < 0 || problem.set)) {
		if (problem.set)
			ar_error_set(err, 0, 0, "not a Word document: %s is not well-formed XML (line %d, column %d: %s)",
			             w->part, problem.line, problem.column, problem.message);
		else
			ar_error_set(err, 0, 0, "not a Word document: %s is not well-formed XML", w->part);
		rc = AR_EDATA;
	}
	if (rc == AR_OK && root) {
		ar_error_set(err, 0, 0, "not a Word document: %s is empty", w->part);
		rc = AR_EDATA;
	}
	xmlFreeTextReader(r);
	return rc;
}

bool ar_import_is_zip(const char *data, size_t len)
{
	return len >= 4 && data[0] == 'P' && data[1] == 'K' &&
	       ((data[2] == 3 && data[3] == 4) || (data[2] == 5 && data[3] == 6) || (data[2] == 7 && data[3] == 8));
}

/* Read the entry index of the package into out, refusing one that expands
 * past part_max (whatever its header says). */
static enum ar_rc read_part(zip_t *za, zip_uint64_t index, const char *name, size_t part_max, struct ar_buf *out,
                            struct ar_error *err)
{
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat_index(za, index, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) && st.size > part_max) {
		ar_error_set(err, 0, 0, "not read: %s would expand to %llu bytes, past the limit of %zu bytes (a zip bomb?)",
		             name, (unsigned long long)st.size, part_max);
		return AR_EDATA;
	}
	zip_file_t *zf = zip_fopen_index(za, index, 0);
	if (!zf) {
		zip_error_t *ze = zip_get_error(za);
		bool locked = zip_error_code_zip(ze) == ZIP_ER_NOPASSWD || zip_error_code_zip(ze) == ZIP_ER_WRONGPASSWD;
		ar_error_set(err, 0, 0, "not a Word document: %s cannot be read (%s)", name,
		             locked ? "it is encrypted" : zip_error_strerror(ze));
		return AR_EDATA;
	}
	char chunk[65536];
	zip_int64_t n;
	enum ar_rc rc = AR_OK;
	while ((n = zip_fread(zf, chunk, sizeof chunk)) > 0) {
		if (out->len + (size_t)n > part_max) {
			ar_error_set(err, 0, 0, "not read: %s expands past the limit of %zu bytes (a zip bomb?)", name,
			             part_max);
			rc = AR_EDATA;
			break;
		}
		ar_buf_add(out, chunk, (size_t)n);
	}
	if (rc == AR_OK && n < 0) {
		ar_error_set(err, 0, 0, "not a Word document: %s is damaged (%s)", name, zip_file_strerror(zf));
		rc = AR_EDATA;
	}
	zip_fclose(zf);
	if (rc == AR_OK && !out->data)
		ar_buf_adds(out, "");
	return rc;
}

/* Say where each warning is ("table 1, row 5"), now that they are sorted. */
static void place_warnings(const struct walker *w, struct ar_diags *warnings, size_t first)
{
	if (!warnings)
		return;
	for (size_t i = first; i < warnings->count; i++) {
		struct ar_error *e = &warnings->items[i];
		if (e->line <= 0 || (size_t)e->line > w->place_count)
			continue;
		const struct place *p = &w->places[e->line - 1];
		char where[64];
		if (p->table)
			snprintf(where, sizeof where, "table %d, row %d", p->table, p->row);
		else
			snprintf(where, sizeof where, "%sparagraph %d", p->header_part ? "page header, " : "", p->row);
		char message[AR_ERROR_MESSAGE_MAX];
		memcpy(message, e->message, sizeof message);
		ar_error_set(e, 0, 0, "%s: %s", where, message);
	}
}

enum ar_rc ar_import_docx(const char *data, size_t len, size_t part_max, struct ar_tracker **out,
                          struct ar_diags *warnings, struct ar_error *err)
{
	*out = NULL;
	if (!part_max)
		part_max = AR_DOCX_PART_MAX;
	if (!ar_import_is_zip(data, len)) {
		ar_error_set(err, 0, 0, "not a Word document: a .docx is a zip package, and this is not one");
		return AR_EDATA;
	}
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	if (!za) {
		ar_error_set(err, 0, 0, "not a Word document: the zip package is damaged (%s)", zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		return AR_EDATA;
	}
	zip_error_fini(&ze);

	enum ar_rc rc = AR_OK;
	zip_int64_t main_index = zip_name_locate(za, "word/document.xml", ZIP_FL_NOCASE);
	if (main_index < 0) {
		ar_error_set(err, 0, 0, "not a Word document: the zip package has no word/document.xml");
		zip_discard(za);
		return AR_EDATA;
	}

	size_t first_warning = warnings ? warnings->count : 0;
	xmlInitParser();
	struct walker w = {0};
	w.im = ar_importer_new(warnings, true);

	/* page headers first: that is where the paper's title stands */
	zip_int64_t entries = zip_get_num_entries(za, 0);
	char **headers = NULL;
	size_t header_count = 0;
	for (zip_int64_t i = 0; i < entries && i < 100000; i++) {
		const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
		if (name && strncmp(name, "word/header", 11) == 0 && strlen(name) < 40 &&
		    strcmp(name + strlen(name) - 4, ".xml") == 0) {
			headers = ar_xreallocarray(headers, header_count + 1, sizeof *headers);
			headers[header_count++] = ar_xstrdup(name);
		}
	}
	for (size_t a = 1; a < header_count; a++)
		for (size_t b = a; b > 0 && strcmp(headers[b - 1], headers[b]) > 0; b--) {
			char *t = headers[b];
			headers[b] = headers[b - 1];
			headers[b - 1] = t;
		}
	struct ar_buf xml = {0};
	for (size_t h = 0; h < header_count && rc == AR_OK; h++) {
		zip_int64_t index = zip_name_locate(za, headers[h], 0);
		ar_buf_reset(&xml);
		w.part = headers[h];
		w.header_part = true;
		if (index >= 0 && (rc = read_part(za, (zip_uint64_t)index, headers[h], part_max, &xml, err)) == AR_OK) {
			struct ar_error ignored = {0};
			walk_part(&w, xml.data, xml.len, &ignored); /* a broken page header is not worth failing for */
			w.tbl_depth = w.para_depth = w.field_depth = 0;
			w.target = NULL;
		}
	}
	for (size_t h = 0; h < header_count; h++)
		free(headers[h]);
	free((void *)headers);

	if (rc == AR_OK) {
		ar_buf_reset(&xml);
		w.part = "word/document.xml";
		w.header_part = false;
		w.paragraphs = 0;
		rc = read_part(za, (zip_uint64_t)main_index, w.part, part_max, &xml, err);
		if (rc == AR_OK)
			rc = walk_part(&w, xml.data, xml.len, err);
	}
	ar_buf_free(&xml);
	zip_discard(za);

	if (rc == AR_OK && w.tables == 0) {
		ar_error_set(err, 0, 0, "no table in the document: the tracker is the paper's table (Item, "
		             "Action/Recommendation, Lead, Progress update)");
		rc = AR_EDATA;
	}
	if (rc == AR_OK) {
		rc = ar_importer_finish(w.im, "no tracker table found: the document's tables have no rows of items "
		                        "(item number, topic, action or recommendation, lead, progress update)", out, err);
		w.im = NULL;
		if (rc == AR_OK)
			place_warnings(&w, warnings, first_warning);
	}
	if (rc != AR_OK && warnings)
		warnings->count = first_warning; /* nothing imported: nothing to warn about */
	ar_importer_free(w.im);
	for (size_t c = 0; c < MAX_COLUMNS; c++) {
		ar_buf_free(&w.cells[c]);
		ar_buf_free(&w.above[c]);
	}
	ar_buf_free(&w.paragraph);
	free(w.places);
	return rc;
}
