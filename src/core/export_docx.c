/* export_docx.c - the tracker as the committee paper's Word table (.docx).
 *
 * The layout is the paper's own, so the next agenda pack gets the table
 * the committee knows and `artrack import` reads it back to the same
 * items: a heading paragraph "TITLE – COMMITTEE 21 September 2023"; one
 * table whose first row (Item | Action/Recommendation | Lead | Progress
 * update, over the number and topic columns) repeats on every page; per
 * meeting a shaded row merged across the five columns; per item its
 * number, topic, text ("Recommendation:" first for recommendations), one
 * lead a line, and the progress cell: the response and status in bold as
 * the paper writes them ("Recommendation Accepted:", "In progress"), each
 * update as a bold label "Update (21 September 2023, A Name):" and its
 * paragraphs, and "Due: April 2024".  Landscape A4.
 *
 * No maintained C library writes WordprocessingML, so the XML is written
 * here (text escaped, characters XML 1.0 forbids dropped) and zipped with
 * libzip, in memory, with fixed timestamps so the same tracker always
 * gives the same bytes.
 */
#include "config.h"

#include "artrack/format.h"
#include "artrack/alloc.h"
#include "artrack/date.h"
#include "artrack/import.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

/* Column widths in twentieths of a point: A4 landscape (16838) less two
 * 720 margins. */
static const int column_widths[5] = {700, 2300, 4700, 2200, 5498};

static const char *const month_names[12] = {"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"};

/* "21 September 2023", or "April 2024" for a month. */
static void date_words(struct ar_buf *out, ar_date d)
{
	int day = ar_date_day(d), month = (int)(d / 100 % 100), year = (int)(d / 10000);
	if (month < 1 || month > 12)
		return;
	if (day)
		ar_buf_addf(out, "%d ", day);
	ar_buf_addf(out, "%s %d", month_names[month - 1], year);
}

/* Append s as XML character data: & < > " escaped, tabs and line breaks
 * left to the caller, characters XML 1.0 forbids dropped. */
static void xml_text(struct ar_buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '&')
			ar_buf_adds(out, "&amp;");
		else if (c == '<')
			ar_buf_adds(out, "&lt;");
		else if (c == '>')
			ar_buf_adds(out, "&gt;");
		else if (c == '"')
			ar_buf_adds(out, "&quot;");
		else if (c < 0x20)
			continue; /* C0 controls: not XML */
		else if (c == 0xef && i + 2 < n && (unsigned char)s[i + 1] == 0xbf &&
		         ((unsigned char)s[i + 2] == 0xbe || (unsigned char)s[i + 2] == 0xbf))
			i += 2;   /* U+FFFE, U+FFFF */
		else
			ar_buf_addc(out, (char)c);
	}
}

/* One run of s[0..n): tabs as w:tab, line breaks as w:br. */
static void run(struct ar_buf *out, const char *s, size_t n, bool bold)
{
	ar_buf_adds(out, bold ? "<w:r><w:rPr><w:b/></w:rPr>" : "<w:r>");
	size_t start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '\t' && s[i] != '\n')
			continue;
		if (i > start) {
			ar_buf_adds(out, "<w:t xml:space=\"preserve\">");
			xml_text(out, s + start, i - start);
			ar_buf_adds(out, "</w:t>");
		}
		if (i < n)
			ar_buf_adds(out, s[i] == '\t' ? "<w:tab/>" : "<w:br/>");
		start = i + 1;
	}
	ar_buf_adds(out, "</w:r>");
}

static void paragraph(struct ar_buf *out, const char *s, size_t n, bool bold)
{
	ar_buf_adds(out, "<w:p>");
	if (n)
		run(out, s, n, bold);
	ar_buf_adds(out, "</w:p>");
}

/* Text as paragraphs: a blank line between two, a single line break in one. */
static void paragraphs(struct ar_buf *out, const char *s)
{
	if (!s)
		return;
	size_t n = strlen(s), start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && !(s[i] == '\n' && i + 1 < n && s[i + 1] == '\n'))
			continue;
		size_t end = i;
		if (end > start)
			paragraph(out, s + start, end - start, false);
		while (i + 1 < n && s[i + 1] == '\n')
			i++;
		start = i + 1;
	}
}

static void cell_start(struct ar_buf *out, int column, int span, const char *fill)
{
	int width = 0;
	for (int c = column; c < column + span && c < 5; c++)
		width += column_widths[c];
	ar_buf_addf(out, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>", width);
	if (span > 1)
		ar_buf_addf(out, "<w:gridSpan w:val=\"%d\"/>", span);
	if (fill)
		ar_buf_addf(out, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"%s\"/>", fill);
	ar_buf_adds(out, "</w:tcPr>");
}

/* A cell of one line of text (an empty cell still holds a paragraph: Word
 * calls a cell without one corrupt). */
static void text_cell(struct ar_buf *out, int column, const char *s, bool bold)
{
	cell_start(out, column, 1, NULL);
	paragraph(out, s ? s : "", s ? strlen(s) : 0, bold);
	ar_buf_adds(out, "</w:tc>");
}

static void heading_row(struct ar_buf *out, const struct ar_tracker *tracker, ar_date meeting, bool first, void *ctx)
{
	(void)first;
	(void)ctx;
	struct ar_buf text = {0};
	ar_export_heading_text(&text, tracker, meeting);
	ar_date said;
	if (meeting && !(ar_import_date_in(text.data, text.len, &said) && said == meeting)) {
		/* the heading must say its date for the paper to be read back */
		struct ar_buf dated = {0};
		date_words(&dated, meeting);
		ar_buf_adds(&dated, " Meeting");
		const struct ar_meeting *m = ar_tracker_find_meeting(tracker, meeting);
		if (m && m->title && *m->title) {
			ar_buf_adds(&dated, ": ");
			ar_buf_adds(&dated, m->title);
		}
		ar_buf_free(&text);
		text = dated;
	}
	ar_buf_adds(out, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
	cell_start(out, 0, 5, "D9D9D9");
	paragraph(out, text.data, text.len, true);
	ar_buf_adds(out, "</w:tc></w:tr>");
	ar_buf_free(&text);
}

/* The paper's words for a response, which import reads back. */
static const char *response_words(enum ar_response r)
{
	switch (r) {
	case AR_RESPONSE_ACCEPTED: return "Recommendation Accepted:";
	case AR_RESPONSE_PARTIALLY_ACCEPTED: return "Recommendation Partially Accepted:";
	case AR_RESPONSE_REJECTED: return "Recommendation Rejected:";
	case AR_RESPONSE_NOTED: return "Recommendation Noted:";
	default: return NULL;
	}
}

static const char *status_words(enum ar_item_status s)
{
	switch (s) {
	case AR_STATUS_IN_PROGRESS: return "In progress";
	case AR_STATUS_COMPLETED: return "Completed";
	case AR_STATUS_CLOSED: return "Closed";
	default: return NULL;
	}
}

/* A paragraph "LABEL 13 June 2024" ("Due: ", "Signed off: "), as import reads it. */
static void dated_paragraph(struct ar_buf *out, const char *label, ar_date date)
{
	struct ar_buf text = {0};
	ar_buf_adds(&text, label);
	date_words(&text, date);
	paragraph(out, text.data, text.len, false);
	ar_buf_free(&text);
}

static void progress_cell(struct ar_buf *out, const struct ar_item *it)
{
	cell_start(out, 4, 1, NULL);
	size_t before = out->len;
	const char *words = it->kind == AR_KIND_RECOMMENDATION ? response_words(it->response) : NULL;
	if (words && it->responded) {
		/* "Recommendation Accepted on 12 October 2023:", as import reads it back */
		struct ar_buf dated = {0};
		ar_buf_add(&dated, words, strlen(words) - 1);
		ar_buf_adds(&dated, " on ");
		date_words(&dated, it->responded);
		ar_buf_addc(&dated, ':');
		paragraph(out, dated.data, dated.len, true);
		ar_buf_free(&dated);
	} else if (words) {
		paragraph(out, words, strlen(words), true);
	}
	if ((words = status_words(it->status)))
		paragraph(out, words, strlen(words), true);
	if (it->rag > AR_RAG_NONE && it->rag < AR_RAG_COUNT) {
		static const char *const rag_lines[AR_RAG_COUNT] = {"", "RAG: Red", "RAG: Amber", "RAG: Green"};
		paragraph(out, rag_lines[it->rag], strlen(rag_lines[it->rag]), true);
	}
	for (size_t u = 0; u < it->update_count; u++) {
		const struct ar_update *up = &it->updates[u];
		struct ar_buf label = {0};
		/* what import reads back: "Update (21 September 2023, A Name):",
		 * "Update (by A Name):", "(21 September 2023):" with no label, and
		 * "(undated):" for a bare update after another (else it would run
		 * into the one before) */
		if (up->label || up->date || up->by || u > 0) {
			if (up->label)
				ar_buf_adds(&label, up->label);
			if (up->date || up->by || !up->label) {
				ar_buf_adds(&label, label.len ? " (" : "(");
				if (up->date)
					date_words(&label, up->date);
				if (up->by) {
					ar_buf_adds(&label, up->date ? ", " : "by ");
					ar_buf_adds(&label, up->by);
				}
				if (!up->date && !up->by)
					ar_buf_adds(&label, "undated");
				ar_buf_adds(&label, ")");
			}
			ar_buf_adds(&label, ":");
			paragraph(out, label.data, label.len, true);
		}
		ar_buf_free(&label);
		paragraphs(out, up->text);
	}
	if (it->due)
		dated_paragraph(out, "Due: ", it->due);
	if (it->closed_on)
		dated_paragraph(out, "Signed off: ", it->closed_on);
	if (out->len == before)
		ar_buf_adds(out, "<w:p/>");
	ar_buf_adds(out, "</w:tc>");
}

static void item_row(struct ar_buf *out, const struct ar_tracker *tracker, const struct ar_item *it, void *ctx)
{
	(void)tracker;
	(void)ctx;
	char id[24];
	snprintf(id, sizeof id, "%ld", it->id);
	ar_buf_adds(out, "<w:tr>");
	text_cell(out, 0, id, false);
	text_cell(out, 1, it->topic, true);

	cell_start(out, 2, 1, NULL);
	size_t before = out->len;
	if (it->kind == AR_KIND_RECOMMENDATION)
		paragraph(out, "Recommendation:", 15, false);
	paragraphs(out, it->text);
	if (out->len == before)
		ar_buf_adds(out, "<w:p/>");
	ar_buf_adds(out, "</w:tc>");

	cell_start(out, 3, 1, NULL);
	for (size_t l = 0; l < it->lead_count; l++)
		paragraph(out, it->leads[l], strlen(it->leads[l]), false);
	if (!it->lead_count)
		ar_buf_adds(out, "<w:p/>");
	ar_buf_adds(out, "</w:tc>");

	progress_cell(out, it);
	ar_buf_adds(out, "</w:tr>");
}

static void document_xml(struct ar_buf *out, const struct ar_tracker *tracker, struct ar_view *view)
{
	ar_buf_adds(out, XML_DECL "<w:document xmlns:w=\"" W_NS "\"><w:body>");

	/* the page heading, as the paper writes it */
	struct ar_buf heading = {0};
	ar_buf_adds(&heading, tracker->title ? tracker->title : "Action and Recommendation Tracker");
	if (tracker->committee || tracker->as_of) {
		ar_buf_adds(&heading, " – ");
		if (tracker->committee)
			ar_buf_adds(&heading, tracker->committee);
		if (tracker->as_of) {
			ar_buf_adds(&heading, tracker->committee ? " " : "");
			date_words(&heading, tracker->as_of);
		}
	}
	ar_buf_adds(out, "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr>");
	run(out, heading.data, heading.len, true);
	ar_buf_adds(out, "</w:p>");
	ar_buf_free(&heading);

	ar_buf_adds(out, "<w:tbl><w:tblPr><w:tblStyle w:val=\"TrackerTable\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>"
	                 "<w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" "
	                 "w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>");
	for (int c = 0; c < 5; c++)
		ar_buf_addf(out, "<w:gridCol w:w=\"%d\"/>", column_widths[c]);
	ar_buf_adds(out, "</w:tblGrid>");

	/* the header row, repeated on every page */
	static const char *const header[5] = {"", "Item", "Action/Recommendation", "Lead", "Progress update"};
	ar_buf_adds(out, "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
	for (int c = 0; c < 5; c++)
		text_cell(out, c, header[c], true);
	ar_buf_adds(out, "</w:tr>");

	const struct ar_export_writer writer = {.group_start = heading_row, .item = item_row};
	ar_export_by_meeting(out, tracker, view, &writer, NULL);

	ar_buf_adds(out, "</w:tbl><w:p/><w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>"
	                 "<w:pgMar w:top=\"720\" w:right=\"720\" w:bottom=\"720\" w:left=\"720\" w:header=\"360\" "
	                 "w:footer=\"360\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>");
}

static const char content_types_xml[] = XML_DECL
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
	"wordprocessingml.document.main+xml\"/>"
	"<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
	"wordprocessingml.styles+xml\"/>"
	"<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-"
	"properties+xml\"/></Types>";

static const char package_rels_xml[] = XML_DECL
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	"officeDocument\" Target=\"word/document.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
	"core-properties\" Target=\"docProps/core.xml\"/></Relationships>";

static const char document_rels_xml[] = XML_DECL
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	"styles\" Target=\"styles.xml\"/></Relationships>";

static const char styles_xml[] = XML_DECL
	"<w:styles xmlns:w=\"" W_NS "\">"
	"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:cs=\"Arial\" "
	"w:eastAsia=\"Arial\"/><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/><w:lang w:val=\"en-GB\"/></w:rPr>"
	"</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"60\" w:line=\"240\" w:lineRule=\"auto\"/>"
	"</w:pPr></w:pPrDefault></w:docDefaults>"
	"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/>"
	"<w:pPr><w:spacing w:after=\"200\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr>"
	"</w:style>"
	"<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
	"<w:tblPr><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
	"<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
	"<w:style w:type=\"table\" w:styleId=\"TrackerTable\"><w:name w:val=\"Tracker Table\"/>"
	"<w:basedOn w:val=\"TableNormal\"/><w:tblPr><w:tblBorders>"
	"<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	"<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	"<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	"<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	"<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	"<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	"</w:tblBorders></w:tblPr></w:style></w:styles>";

static void core_xml(struct ar_buf *out, const struct ar_tracker *tracker)
{
	ar_buf_adds(out, XML_DECL "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
	                 "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">");
	if (tracker->title) {
		ar_buf_adds(out, "<dc:title>");
		xml_text(out, tracker->title, strlen(tracker->title));
		ar_buf_adds(out, "</dc:title>");
	}
	if (tracker->committee) {
		ar_buf_adds(out, "<dc:subject>");
		xml_text(out, tracker->committee, strlen(tracker->committee));
		ar_buf_adds(out, "</dc:subject>");
	}
	ar_buf_adds(out, "<dc:creator>artrack</dc:creator></cp:coreProperties>");
}

/* Zip the parts into out.  false if libzip fails (out untouched). */
static bool zip_parts(struct ar_buf *out, const char *const names[], const struct ar_buf parts[], size_t count)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_error_fini(&ze);
	if (!src)
		return false;
	zip_source_keep(src);
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
	bool ok = za != NULL;
	for (size_t i = 0; ok && i < count; i++) {
		zip_source_t *part = zip_source_buffer(za, parts[i].data, parts[i].len, 0);
		zip_int64_t index = part ? zip_file_add(za, names[i], part, ZIP_FL_ENC_UTF_8) : -1;
		if (index < 0) {
			zip_source_free(part);
			ok = false;
			break;
		}
		/* a fixed date (2000-01-01): the same tracker, the same bytes */
		zip_file_set_mtime(za, (zip_uint64_t)index, (time_t)946728000, 0);
		zip_set_file_compression(za, (zip_uint64_t)index, ZIP_CM_DEFLATE, 9);
	}
	if (za && (!ok || zip_close(za) != 0)) {
		zip_discard(za);
		ok = false;
	}
	if (ok && zip_source_open(src) == 0) {
		zip_source_seek(src, 0, SEEK_END);
		zip_int64_t size = zip_source_tell(src);
		zip_source_seek(src, 0, SEEK_SET);
		if (size > 0) {
			char *bytes = ar_xmalloc((size_t)size);
			ok = zip_source_read(src, bytes, (zip_uint64_t)size) == size;
			if (ok)
				ar_buf_add(out, bytes, (size_t)size);
			free(bytes);
		} else {
			ok = false;
		}
		zip_source_close(src);
	} else {
		ok = false;
	}
	zip_source_free(src);
	return ok;
}

void ar_export_docx(struct ar_buf *out, const struct ar_tracker *tracker, struct ar_view *view)
{
	static const char *const names[] = {"[Content_Types].xml", "_rels/.rels", "word/document.xml",
		"word/_rels/document.xml.rels", "word/styles.xml", "docProps/core.xml"};
	struct ar_buf parts[6] = {{0}};
	ar_buf_adds(&parts[0], content_types_xml);
	ar_buf_adds(&parts[1], package_rels_xml);
	document_xml(&parts[2], tracker, view);
	ar_buf_adds(&parts[3], document_rels_xml);
	ar_buf_adds(&parts[4], styles_xml);
	core_xml(&parts[5], tracker);
	if (!zip_parts(out, names, parts, 6))
		abort(); /* only memory can fail here, and running out aborts anyway */
	for (size_t i = 0; i < 6; i++)
		ar_buf_free(&parts[i]);
}
