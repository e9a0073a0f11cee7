/* A PDF page's characters and path edges read through PDFium in one call, for
 * _pdf_compiled.py: the rules of _pdf_fast.py (which pages are placed, pdfminer's boxes and
 * edges) with the same double arithmetic in the same order, so that both give the same
 * numbers to the last bit. Build with -ffp-contract=off: a fused multiply-add rounds once
 * where Python rounds twice.
 *
 * It links against nothing: Python hands it the addresses of the PDFium functions that
 * pypdfium2 has loaded (pdfpage_init), so no PDFium header or library is needed to build
 * it, and both readers call the very same PDFium. Results go to buffers owned here, valid
 * until the next call; the caller holds the GIL throughout (ctypes.PyDLL), so one call runs
 * at a time, as PDFium requires.
 */

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Bumped whenever the layout of struct page_out or the functions' order changes. */
#define PDFPAGE_ABI 1

#ifndef PDFPAGE_SOURCE
#define PDFPAGE_SOURCE "unknown"
#endif

typedef struct { float left, top, right, bottom; } rectf;
typedef struct { float a, b, c, d, e, f; } matrixf;

/* In the order of _pdf_compiled._FUNCTIONS. */
static struct {
    void *(*load_page)(void *document, int index);
    void (*close_page)(void *page);
    int (*rotation)(void *page);
    int (*bounding_box)(void *page, rectf *box);
    int (*media_box)(void *page, float *left, float *bottom, float *right, float *top);
    int (*crop_box)(void *page, float *left, float *bottom, float *right, float *top);
    void *(*load_text)(void *page);
    void (*close_text)(void *text_page);
    int (*count_chars)(void *text_page);
    int (*get_text)(void *text_page, int start, int count, unsigned short *out);
    void *(*text_object)(void *text_page, int index);
    int (*is_generated)(void *text_page, int index);
    int (*map_error)(void *text_page, int index);
    int (*char_origin)(void *text_page, int index, double *x, double *y);
    int (*loose_box)(void *text_page, int index, rectf *box);
    int (*char_matrix)(void *text_page, int index, matrixf *matrix);
    double (*font_size)(void *text_page, int index);
    void *(*text_font)(void *text_object);
    int (*count_objects)(void *page);
    void *(*page_object)(void *page, int index);
    int (*count_form_objects)(void *form);
    void *(*form_object)(void *form, unsigned long index);
    int (*object_type)(void *object);
    int (*object_matrix)(void *object, matrixf *matrix);
    int (*count_segments)(void *path);
    void *(*segment)(void *path, int index);
    int (*segment_point)(void *segment, float *x, float *y);
    int (*segment_type)(void *segment);
    int (*segment_close)(void *segment);
} pdfium;

#define FUNCTIONS ((int)(sizeof pdfium / sizeof(void *)))

/* FPDF_PAGEOBJ_* and FPDF_SEGMENT_* */
enum { PATH_OBJECT = 2, FORM_OBJECT = 5 };
enum { LINE_TO = 0, BEZIER_TO = 1, MOVE_TO = 2 };

/* Orientation and kind codes of an edge, as _pdf_compiled reads them. */
enum { NO_ORIENTATION = 0, HORIZONTAL = 1, VERTICAL = 2 };
enum { LINE = 0, CURVE_EDGE = 1, RECT_EDGE = 2 };

enum { PLACED = 0, NOT_PLACED = 1, NO_PAGE = -1, NO_TEXT_PAGE = -2, NO_MEMORY = -3 };

/* What one call returns: pointers into the buffers below. */
struct page_out {
    double width, height;
    const double *chars;          /* x0, x1, top, bottom, size per character */
    const unsigned short *text;   /* one UTF-16 unit per character (never a surrogate) */
    const int *relabelled;        /* indexes of the spaces sized after another space */
    const double *edges;          /* x0, top, x1, bottom, width, height per edge */
    const unsigned char *codes;   /* orientation, kind per edge */
    int n_chars, n_relabelled, n_edges;
};

static const double NOISE = 0.01; /* as _pdf_fast._NOISE */

/* A growable array; a failed growth leaves it as it was. */
static int grow(void **items, size_t *capacity, size_t needed, size_t size) {
    if (needed <= *capacity) return 1;
    size_t wanted = *capacity ? *capacity : 256;
    while (wanted < needed) wanted *= 2;
    void *bigger = realloc(*items, wanted * size);
    if (!bigger) return 0;
    *items = bigger;
    *capacity = wanted;
    return 1;
}

#define GROW(array, needed) grow((void **)&array.items, &array.capacity, (needed), \
                                 sizeof *array.items)

static struct { double *items; size_t capacity; } char_values, edge_values, points;
static struct { unsigned short *items; size_t capacity; } text_units;
static struct { int *items; size_t capacity; } relabelled;
static struct { unsigned char *items; size_t capacity; } edge_codes;

/* Spaces of the page by font and size: the advance and descent of the first one seen. */
struct space { void *font; double size, advance, descent; };
static struct { struct space *items; size_t capacity; } spaces;
/* A generated space waiting for its size: its character, key and origin. */
struct pending { int index; void *font; double size, origin_y; };
static struct { struct pending *items; size_t capacity; } pendings;

int pdfpage_abi(void) { return PDFPAGE_ABI; }

const char *pdfpage_source(void) { return PDFPAGE_SOURCE; }

int pdfpage_init(void *const *functions, int count) {
    if (count != FUNCTIONS) return -1;
    memcpy(&pdfium, functions, sizeof pdfium);
    return 0;
}

/* ---------------------------------------------------------------- characters */

static int in_noise(double value) { return -NOISE <= value && value <= NOISE; }

/* _pdf_fast._text: one UTF-16 unit per character, none a surrogate or zero. */
static int read_text(void *text_page, int count) {
    if (!GROW(text_units, (size_t)count + 1)) return NO_MEMORY;
    memset(text_units.items, 0, ((size_t)count + 1) * sizeof *text_units.items);
    pdfium.get_text(text_page, 0, count, text_units.items);
    for (int i = 0; i < count; i++) {
        unsigned short unit = text_units.items[i];
        if (unit == 0 || (unit >= 0xD800 && unit <= 0xDFFF)) return NOT_PLACED;
    }
    return PLACED;
}

/* _pdf_fast._chars: the characters go to char_values and text_units (compacted). */
static int read_chars(void *text_page, double height, struct page_out *out) {
    int count = pdfium.count_chars(text_page);
    if (count < 0) return NOT_PLACED;
    int status = read_text(text_page, count);
    if (status != PLACED) return status;
    if (!GROW(char_values, 5 * (size_t)count) || !GROW(relabelled, (size_t)count)
        || !GROW(pendings, (size_t)count))
        return NO_MEMORY;
    unsigned short *text = text_units.items;
    double *value = char_values.items;
    size_t n = 0, n_spaces = 0, n_pending = 0;
    /* Out-parameters kept from one character to the next, as in _pdf_fast: a call that
     * fails leaves the previous values. */
    double x = 0, y = 0;
    rectf loose = {0, 0, 0, 0};
    matrixf m = {0, 0, 0, 0, 0, 0};
    void *run = NULL, *font = NULL;
    int font_known = 0, vertical = 0;
    double run_x = 0, run_y = 0, size = 0, wide = 0;
    for (int i = 0; i < count; i++) {
        unsigned short unit = text[i];
        int generated = 0;
        if (unit == ' ' || unit == '\r' || unit == '\n') {
            generated = pdfium.is_generated(text_page, i);
            if (generated && unit != ' ') continue;
        }
        void *object = pdfium.text_object(text_page, i);
        if (generated && !object) continue;
        if (pdfium.map_error(text_page, i)) return NOT_PLACED;
        pdfium.char_origin(text_page, i, &x, &y);
        pdfium.loose_box(text_page, i, &loose);
        double origin_x = x, origin_y = y, right = loose.right, low = loose.bottom;
        if (object != run) {
            pdfium.char_matrix(text_page, i, &m);
            double a = m.a, b = m.b, c = m.c, d = m.d, e = m.e, f = m.f;
            if (b > 1e-6 || b < -1e-6 || c > 1e-6 || c < -1e-6 || a <= 0 || d <= 0)
                return NOT_PLACED;
            size = pdfium.font_size(text_page, i) * d;
            wide = 4 * size;
            font_known = 0;
            run = object;
            run_x = origin_x;
            run_y = origin_y;
            if (in_noise(origin_x - e) && in_noise(origin_y - f))
                vertical = 0;
            else if (in_noise(origin_x + size / 2 - e) && in_noise(origin_y + 0.88 * size - f))
                vertical = 1;
            else
                return NOT_PLACED;
        } else if (vertical ? fabs(origin_x - run_x) > NOISE : fabs(origin_y - run_y) > NOISE) {
            return NOT_PLACED;
        }
        if (generated) {
            if (i + 1 >= count) return NOT_PLACED;
            pdfium.char_origin(text_page, i + 1, &x, &y);
            if (fabs(x - origin_x) <= NOISE) return NOT_PLACED;
            if (vertical) return NOT_PLACED;
            if (!font_known) {
                font = pdfium.text_font(object);
                font_known = 1;
            }
            pendings.items[n_pending++] = (struct pending){(int)n, font, size, origin_y};
            text[n] = ' ';
            value[5 * n] = origin_x;
            value[5 * n + 4] = size;
            n++;
            continue;
        }
        double *v = value + 5 * n;
        text[n++] = unit;
        if (vertical) {
            double top = height - origin_y - size;
            v[0] = origin_x, v[1] = origin_x + size, v[2] = top, v[3] = top + size, v[4] = size;
            continue;
        }
        double advance = right - origin_x, descent = origin_y - low;
        if (!(-NOISE <= advance && advance <= wide && -NOISE <= descent && descent <= size))
            return NOT_PLACED;
        if (unit == ' ') {
            if (!font_known) {
                font = pdfium.text_font(object);
                font_known = 1;
            }
            size_t k = 0;
            while (k < n_spaces && !(spaces.items[k].font == font && spaces.items[k].size == size))
                k++;
            if (k == n_spaces) {
                if (!GROW(spaces, n_spaces + 1)) return NO_MEMORY;
                spaces.items[n_spaces++] = (struct space){font, size, advance, descent};
            }
        }
        double bottom = height - low;
        v[0] = origin_x, v[1] = origin_x + advance, v[2] = bottom - size, v[3] = bottom;
        v[4] = size;
    }
    for (size_t p = 0; p < n_pending; p++) {
        struct pending *space = &pendings.items[p];
        size_t k = 0;
        while (k < n_spaces && !(spaces.items[k].font == space->font
                                 && spaces.items[k].size == space->size))
            k++;
        if (k == n_spaces) return NOT_PLACED;
        double *v = value + 5 * space->index;
        double bottom = height - (space->origin_y - spaces.items[k].descent);
        v[1] = v[0] + spaces.items[k].advance, v[2] = bottom - v[4], v[3] = bottom;
        relabelled.items[p] = space->index;
    }
    out->chars = value;
    out->text = text;
    out->relabelled = relabelled.items;
    out->n_chars = (int)n;
    out->n_relabelled = (int)n_pending;
    return PLACED;
}

/* ---------------------------------------------------------------- edges */

static size_t n_edges;

static int add_edge(double x0, double top, double x1, double bottom, double width,
                    double tall, int orientation, int kind) {
    if (!GROW(edge_values, 6 * (n_edges + 1)) || !GROW(edge_codes, 2 * (n_edges + 1)))
        return 0;
    double *v = edge_values.items + 6 * n_edges;
    v[0] = x0, v[1] = top, v[2] = x1, v[3] = bottom, v[4] = width, v[5] = tall;
    edge_codes.items[2 * n_edges] = (unsigned char)orientation;
    edge_codes.items[2 * n_edges + 1] = (unsigned char)kind;
    n_edges++;
    return 1;
}

/* Python's min and max of two: the first unless the second is strictly beyond it. */
static double min2(double a, double b) { return b < a ? b : a; }
static double max2(double a, double b) { return b > a ? b : a; }

/* _pdf_fast._path_edges over points xy[0..count) (x, y pairs), with room for one more. */
static int path_edges(double *xy, size_t count, int closed, double height) {
    if (closed && !(count >= 3 && xy[2 * count - 2] == xy[0] && xy[2 * count - 1] == xy[1])) {
        xy[2 * count] = xy[0], xy[2 * count + 1] = xy[1];
        count++;
    }
    if (count < 2) return 1;
    if (count == (closed ? 3u : 2u)) {
        double x0 = min2(xy[0], xy[2]), top = height - max2(xy[1], xy[3]);
        double x1 = max2(xy[0], xy[2]), bottom = height - min2(xy[1], xy[3]);
        return add_edge(x0, top, x1, bottom, x1 - x0, bottom - top,
                        top == bottom ? HORIZONTAL : VERTICAL, LINE);
    }
    if (count == 5 && xy[0] == xy[8] && xy[1] == xy[9]) {
        double x0 = xy[0], y0 = xy[1], x1 = xy[2], y1 = xy[3], x2 = xy[4], y2 = xy[5],
               x3 = xy[6], y3 = xy[7];
        if ((x0 == x1 && y1 == y2 && x2 == x3 && y3 == y0)
            || (y0 == y1 && x1 == x2 && y2 == y3 && x3 == x0)) {
            double left = min2(x0, x2), top = height - max2(y0, y2);
            double right = max2(x0, x2), bottom = height - min2(y0, y2);
            double width = right - left, tall = bottom - top;
            return add_edge(left, top, right, top, width, 0.0, HORIZONTAL, RECT_EDGE)
                && add_edge(left, bottom, right, bottom, width, 0.0, HORIZONTAL, RECT_EDGE)
                && add_edge(left, top, left, bottom, 0.0, tall, VERTICAL, RECT_EDGE)
                && add_edge(right, top, right, bottom, 0.0, tall, VERTICAL, RECT_EDGE);
        }
    }
    for (size_t k = 0; k + 1 < count; k++) {
        double ax = xy[2 * k], ay = xy[2 * k + 1], bx = xy[2 * k + 2], by = xy[2 * k + 3];
        double x0 = min2(ax, bx), top = height - max2(ay, by);
        double x1 = max2(ax, bx), bottom = height - min2(ay, by);
        int orientation = ax == bx ? VERTICAL : (ay == by ? HORIZONTAL : NO_ORIENTATION);
        if (!add_edge(x0, top, x1, bottom, x1 - x0, bottom - top, orientation, CURVE_EDGE))
            return 0;
    }
    return 1;
}

/* _pdf_fast._subpaths then _path_edges: the path's points (in page space) split at
 * move-tos, of each Bezier's three points the end point kept. */
static int path_object_edges(void *path, const double *m, double height) {
    int count = pdfium.count_segments(path);
    if (count < 1) return 1;
    /* a subpath has at most one point a segment, and room for its start point again */
    if (!GROW(points, 2 * (size_t)count + 2)) return 0;
    double *xy = points.items;
    size_t length = 0;
    int closed = 0, bezier = 0;
    float x = 0, y = 0;
    for (int s = 0; s < count; s++) {
        void *segment = pdfium.segment(path, s);
        pdfium.segment_point(segment, &x, &y);
        int kind = pdfium.segment_type(segment), close = pdfium.segment_close(segment) != 0;
        double px = x, py = y;
        if (kind == MOVE_TO) {
            if (length && !path_edges(xy, length, closed, height)) return 0;
            length = 0, closed = 0, bezier = 0;
        } else if (kind == BEZIER_TO && ++bezier % 3) {
            continue;
        }
        xy[2 * length] = m[0] * px + m[2] * py + m[4];
        xy[2 * length + 1] = m[1] * px + m[3] * py + m[5];
        length++;
        closed |= close;
    }
    return !length || path_edges(xy, length, closed, height);
}

struct owner { void *object; double m[6]; int is_page; };
static struct { struct owner *items; size_t capacity; } owners;

/* _pdf_fast._edges: every painted path of the page, forms included, in the same order
 * (a form's contents after those of its owner, the last form first). */
static int read_edges(void *page, double height, struct page_out *out) {
    n_edges = 0;
    if (!GROW(owners, 1)) return NO_MEMORY;
    size_t depth = 0;
    owners.items[depth++] = (struct owner){page, {1, 0, 0, 1, 0, 0}, 1};
    matrixf own = {0, 0, 0, 0, 0, 0};
    while (depth) {
        struct owner owner = owners.items[--depth];
        int count = owner.is_page ? pdfium.count_objects(owner.object)
                                  : pdfium.count_form_objects(owner.object);
        for (int k = 0; k < count; k++) {
            void *object = owner.is_page ? pdfium.page_object(owner.object, k)
                                         : pdfium.form_object(owner.object, (unsigned long)k);
            int type = pdfium.object_type(object);
            if (type != PATH_OBJECT && type != FORM_OBJECT) continue;
            pdfium.object_matrix(object, &own);
            /* _pdf_fast._compose(own, outer) */
            double a = own.a, b = own.b, c = own.c, d = own.d, e = own.e, f = own.f;
            const double *o = owner.m;
            double m[6] = {a * o[0] + b * o[2], a * o[1] + b * o[3], c * o[0] + d * o[2],
                           c * o[1] + d * o[3], e * o[0] + f * o[2] + o[4],
                           e * o[1] + f * o[3] + o[5]};
            if (type == FORM_OBJECT) {
                if (!GROW(owners, depth + 1)) return NO_MEMORY;
                owners.items[depth] = (struct owner){object, {0}, 0};
                memcpy(owners.items[depth].m, m, sizeof m);
                depth++;
                continue;
            }
            if (!path_object_edges(object, m, height)) return NO_MEMORY;
        }
    }
    out->edges = edge_values.items;
    out->codes = edge_codes.items;
    out->n_edges = (int)n_edges;
    return PLACED;
}

/* ---------------------------------------------------------------- the page */

/* _pdf_fast._own_box: whether a box the page sets (if any) is (0, 0, right, top). */
static int own_box_agrees(void *page,
                          int (*get)(void *, float *, float *, float *, float *),
                          float right, float top) {
    float l = 0, b = 0, r = 0, t = 0;
    if (!get(page, &l, &b, &r, &t)) return 1;
    return l == 0 && b == 0 && r == right && t == top;
}

static int read_geometry(void *page, struct page_out *out) {
    if (pdfium.rotation(page) != 0) return NOT_PLACED;
    rectf box = {0, 0, 0, 0};
    if (!pdfium.bounding_box(page, &box) || box.left != 0 || box.bottom != 0)
        return NOT_PLACED;
    if (!own_box_agrees(page, pdfium.media_box, box.right, box.top)
        || !own_box_agrees(page, pdfium.crop_box, box.right, box.top))
        return NOT_PLACED;
    double height = box.top;
    void *text_page = pdfium.load_text(page);
    if (!text_page) return NO_TEXT_PAGE;
    int status = read_chars(text_page, height, out);
    pdfium.close_text(text_page);
    if (status != PLACED) return status;
    out->width = box.right;
    out->height = height;
    return read_edges(page, height, out);
}

/* PLACED: *out holds the page; NOT_PLACED: the slow reader must read it; NO_PAGE or
 * NO_TEXT_PAGE: PDFium could not load it; NO_MEMORY. */
int pdfpage_read(void *document, int index, struct page_out *out) {
    memset(out, 0, sizeof *out);
    void *page = pdfium.load_page(document, index);
    if (!page) return NO_PAGE;
    int status = read_geometry(page, out);
    pdfium.close_page(page);
    return status;
}
