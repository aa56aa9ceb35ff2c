/*
 * A fake TWAIN 2.4 Data Source Manager with two data sources, for the kiosk's TWAIN tests.
 *
 * It exports DSM_Entry with the real twain.h structure layouts (2-byte packing) and enforces
 * the TWAIN state machine (states 2..7): a call made in the wrong state fails with
 * TWRC_FAILURE / TWCC_SEQERROR, a capability with the wrong container or item type with
 * TWCC_BADVALUE, so the tests prove the kiosk's sequencing, not just its happy path.
 *
 * Sources:
 *   "Kiosk Fake Duplex"  sheet-fed, one-pass duplex, no flatbed; resolutions as a TW_ENUMERATION
 *   "Kiosk Fake Flatbed" flatbed plus a simplex feeder; resolutions as a TW_RANGE
 *
 * Behaviour is read from the environment when a source is opened:
 *   FAKE_TWAIN_SHEETS=n          sheets in the feeder (default 3)
 *   FAKE_TWAIN_EMPTY=1           feeder empty (CAP_FEEDERLOADED false, MSG_ENABLEDS -> TWCC_NOMEDIA)
 *   FAKE_TWAIN_LOADED_LIES=1     CAP_FEEDERLOADED says true even when empty
 *   FAKE_TWAIN_OFFLINE=1         MSG_OPENDS fails with TWCC_CHECKDEVICEONLINE
 *   FAKE_TWAIN_COVER_OPEN=1      MSG_ENABLEDS fails with TWCC_INTERLOCK
 *   FAKE_TWAIN_JAM_AT=k          the transfer of sheet k's front fails with TWCC_PAPERJAM
 *   FAKE_TWAIN_DOUBLEFEED_AT=k   same with TWCC_PAPERDOUBLEFEED
 *   FAKE_TWAIN_CRASH_AT=k        abort() when image k (1-based) starts
 *   FAKE_TWAIN_STALL_AT=k        image k never ends (unknown length, strips keep coming)
 *   FAKE_TWAIN_NEVER_READY=1     MSG_XFERREADY never comes (a hung driver)
 *   FAKE_TWAIN_BLANK_BACKS=1     back sides are plain paper
 *   FAKE_TWAIN_TRACE=path        append one line per DSM_Entry call (no image data)
 *
 * Image pattern (mirrored in tests/scan/twain_fake/pattern.py): paper (250,250,245); a band in
 * red (front) or blue (back); one black square per sheet number; rows of word-like blocks.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef char TW_STR32[34];
typedef short TW_INT16;
typedef int TW_INT32;
typedef unsigned short TW_UINT16;
typedef unsigned int TW_UINT32;
typedef unsigned short TW_BOOL;
typedef void *TW_HANDLE;
typedef void *TW_MEMREF;

#pragma pack(push, 2)
typedef struct { TW_INT16 Whole; TW_UINT16 Frac; } TW_FIX32;
typedef struct { TW_FIX32 Left, Top, Right, Bottom; } TW_FRAME;
typedef struct {
    TW_UINT16 MajorNum, MinorNum, Language, Country;
    TW_STR32 Info;
} TW_VERSION;
typedef struct {
    TW_UINT32 Id;
    TW_VERSION Version;
    TW_UINT16 ProtocolMajor, ProtocolMinor;
    TW_UINT32 SupportedGroups;
    TW_STR32 Manufacturer, ProductFamily, ProductName;
} TW_IDENTITY, *pTW_IDENTITY;
typedef struct { TW_UINT16 Cap; TW_UINT16 ConType; TW_HANDLE hContainer; } TW_CAPABILITY;
typedef struct { TW_UINT16 ItemType; TW_UINT32 Item; } TW_ONEVALUE;
typedef struct {
    TW_UINT16 ItemType;
    TW_UINT32 NumItems, CurrentIndex, DefaultIndex;
    unsigned char ItemList[1];
} TW_ENUMERATION;
typedef struct {
    TW_UINT16 ItemType;
    TW_UINT32 MinValue, MaxValue, StepSize, DefaultValue, CurrentValue;
} TW_RANGE;
typedef struct { TW_BOOL ShowUI; TW_BOOL ModalUI; TW_HANDLE hParent; } TW_USERINTERFACE;
typedef struct { TW_UINT16 Count; union { TW_UINT32 EOJ; TW_UINT32 Reserved; }; } TW_PENDINGXFERS;
typedef struct {
    TW_FIX32 XResolution, YResolution;
    TW_INT32 ImageWidth, ImageLength;
    TW_INT16 SamplesPerPixel;
    TW_INT16 BitsPerSample[8];
    TW_INT16 BitsPerPixel;
    TW_BOOL Planar;
    TW_INT16 PixelType;
    TW_UINT16 Compression;
} TW_IMAGEINFO;
typedef struct { TW_FRAME Frame; TW_UINT32 DocumentNumber, PageNumber, FrameNumber; } TW_IMAGELAYOUT;
typedef struct { TW_UINT32 Flags; TW_UINT32 Length; TW_MEMREF TheMem; } TW_MEMORY;
typedef struct {
    TW_UINT16 Compression;
    TW_UINT32 BytesPerRow, Columns, Rows, XOffset, YOffset, BytesWritten;
    TW_MEMORY Memory;
} TW_IMAGEMEMXFER;
typedef struct { TW_UINT32 MinBufSize, MaxBufSize, Preferred; } TW_SETUPMEMXFER;
typedef struct { TW_UINT16 ConditionCode; union { TW_UINT16 Data; TW_UINT16 Reserved; }; } TW_STATUS;
typedef struct { TW_MEMREF CallBackProc; TW_UINT32 RefCon; TW_INT16 Message; } TW_CALLBACK;
typedef TW_UINT16 (*DSMENTRYPROC)(pTW_IDENTITY, pTW_IDENTITY, TW_UINT32, TW_UINT16, TW_UINT16, TW_MEMREF);
typedef struct {
    TW_UINT32 Size;
    DSMENTRYPROC DSM_Entry;
    TW_HANDLE (*DSM_MemAllocate)(TW_UINT32);
    void (*DSM_MemFree)(TW_HANDLE);
    TW_MEMREF (*DSM_MemLock)(TW_HANDLE);
    void (*DSM_MemUnlock)(TW_HANDLE);
} TW_ENTRYPOINT;
#pragma pack(pop)

/* twain.h constants */
#define DG_CONTROL 0x0001
#define DG_IMAGE 0x0002
#define DF_DSM2 0x10000000
#define DF_APP2 0x20000000
#define DF_DS2 0x40000000
#define DAT_NULL 0x0000
#define DAT_CAPABILITY 0x0001
#define DAT_IDENTITY 0x0003
#define DAT_PARENT 0x0004
#define DAT_PENDINGXFERS 0x0005
#define DAT_SETUPMEMXFER 0x0006
#define DAT_STATUS 0x0008
#define DAT_USERINTERFACE 0x0009
#define DAT_CALLBACK 0x0010
#define DAT_IMAGEINFO 0x0101
#define DAT_IMAGELAYOUT 0x0102
#define DAT_IMAGEMEMXFER 0x0103
#define DAT_ENTRYPOINT 0x0403
#define MSG_GET 0x0001
#define MSG_GETCURRENT 0x0002
#define MSG_GETFIRST 0x0004
#define MSG_GETNEXT 0x0005
#define MSG_SET 0x0006
#define MSG_RESET 0x0007
#define MSG_XFERREADY 0x0101
#define MSG_OPENDSM 0x0301
#define MSG_CLOSEDSM 0x0302
#define MSG_OPENDS 0x0401
#define MSG_CLOSEDS 0x0402
#define MSG_DISABLEDS 0x0501
#define MSG_ENABLEDS 0x0502
#define MSG_ENDXFER 0x0701
#define MSG_REGISTER_CALLBACK 0x0902
#define TWRC_SUCCESS 0
#define TWRC_FAILURE 1
#define TWRC_CHECKSTATUS 2
#define TWRC_XFERDONE 6
#define TWRC_ENDOFLIST 7
#define TWCC_SUCCESS 0
#define TWCC_BUMMER 1
#define TWCC_NODS 3
#define TWCC_MAXCONNECTIONS 4
#define TWCC_BADPROTOCOL 9
#define TWCC_BADVALUE 10
#define TWCC_SEQERROR 11
#define TWCC_BADDEST 12
#define TWCC_CAPUNSUPPORTED 13
#define TWCC_CAPBADOPERATION 14
#define TWCC_CAPSEQERROR 15
#define TWCC_PAPERJAM 20
#define TWCC_PAPERDOUBLEFEED 21
#define TWCC_CHECKDEVICEONLINE 23
#define TWCC_INTERLOCK 24
#define TWCC_NOMEDIA 29
#define TWON_ENUMERATION 4
#define TWON_ONEVALUE 5
#define TWON_RANGE 6
#define TWTY_INT16 0x0001
#define TWTY_UINT16 0x0004
#define TWTY_BOOL 0x0006
#define TWTY_FIX32 0x0007
#define CAP_XFERCOUNT 0x0001
#define ICAP_COMPRESSION 0x0100
#define ICAP_PIXELTYPE 0x0101
#define ICAP_UNITS 0x0102
#define ICAP_XFERMECH 0x0103
#define CAP_FEEDERENABLED 0x1002
#define CAP_FEEDERLOADED 0x1003
#define CAP_INDICATORS 0x100b
#define CAP_UICONTROLLABLE 0x100e
#define CAP_DEVICEONLINE 0x100f
#define CAP_DUPLEX 0x1012
#define CAP_DUPLEXENABLED 0x1013
#define ICAP_PHYSICALWIDTH 0x1111
#define ICAP_PHYSICALHEIGHT 0x1112
#define ICAP_XRESOLUTION 0x1118
#define ICAP_YRESOLUTION 0x1119
#define TWPT_GRAY 1
#define TWPT_RGB 2
#define TWSX_NATIVE 0
#define TWSX_MEMORY 2
#define TWMF_APPOWNS 0x0001
#define TWMF_POINTER 0x0008

#define N_SOURCES 2
#define APP_ID 1
#define PENDING_UNKNOWN 0xFFFF

static const int ENUM_DPI[] = {100, 150, 200, 300, 600};

typedef struct {
    int sheets, empty, loaded_lies, offline, cover_open, jam_at, doublefeed_at, crash_at, stall_at, blank_backs;
    int never_ready;
} Config;

static struct {
    pthread_mutex_t lock;
    int state;
    TW_IDENTITY app;
    TW_IDENTITY sources[N_SOURCES];
    int list_next;
    int open;  /* index of the open source, -1 */
    TW_UINT16 dsm_cc, ds_cc;
    DSMENTRYPROC callback;
    int has_callback;
    pthread_t ready_thread;
    int thread_running, abort_ready;
    /* capabilities of the open source */
    int xfermech, pixeltype, feeder, duplex, indicators, xfercount;
    double xres, yres, frame_w, frame_h;
    /* transfer */
    int images_done, sheets_left, rows_sent, xferdone, pending_zero;
    long strips;
    Config cfg;
    int allocations;
    FILE *trace;
} G = {.lock = PTHREAD_MUTEX_INITIALIZER, .state = 2, .open = -1};

/* ------------------------------------------------------------------ helpers */

static double fix_to_double(TW_FIX32 f) { return (double)f.Whole + (double)f.Frac / 65536.0; }

static TW_FIX32 double_to_fix(double v) {
    TW_INT32 scaled = (TW_INT32)(v * 65536.0 + (v < 0 ? -0.5 : 0.5));
    TW_FIX32 f;
    f.Whole = (TW_INT16)(scaled >> 16);
    f.Frac = (TW_UINT16)(scaled & 0xffff);
    return f;
}

static TW_UINT32 fix_bits(TW_FIX32 f) {
    TW_UINT32 bits;
    memcpy(&bits, &f, sizeof bits);
    return bits;
}

static TW_FIX32 bits_fix(TW_UINT32 bits) {
    TW_FIX32 f;
    memcpy(&f, &bits, sizeof f);
    return f;
}

static int env_int(const char *name, int fallback) {
    const char *v = getenv(name);
    return v && *v ? atoi(v) : fallback;
}

static void trace(const char *fmt, ...) {
    if (!G.trace) return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(G.trace, fmt, ap);
    va_end(ap);
    fflush(G.trace);
}

static TW_HANDLE mem_allocate(TW_UINT32 size) {
    pthread_mutex_lock(&G.lock);
    G.allocations++;
    pthread_mutex_unlock(&G.lock);
    return calloc(1, size ? size : 1);
}

static void mem_free(TW_HANDLE h) {
    if (!h) return;
    pthread_mutex_lock(&G.lock);
    G.allocations--;
    pthread_mutex_unlock(&G.lock);
    free(h);
}

static TW_MEMREF mem_lock(TW_HANDLE h) { return h; }
static void mem_unlock(TW_HANDLE h) { (void)h; }

static void set_identity(TW_IDENTITY *id, TW_UINT32 num, const char *family, const char *name) {
    memset(id, 0, sizeof *id);
    id->Id = num;
    id->Version.MajorNum = 1;
    id->Version.Language = 13;
    id->Version.Country = 1;
    strcpy(id->Version.Info, "fake 1.0");
    id->ProtocolMajor = 2;
    id->ProtocolMinor = 4;
    id->SupportedGroups = DG_CONTROL | DG_IMAGE | DF_DS2;
    strcpy(id->Manufacturer, "Kiosk Test");
    strcpy(id->ProductFamily, family);
    strcpy(id->ProductName, name);
}

static void init_sources(void) {
    set_identity(&G.sources[0], 101, "Sheet-fed", "Kiosk Fake Duplex");
    set_identity(&G.sources[1], 102, "Flatbed", "Kiosk Fake Flatbed");
}

static int is_sheetfed(void) { return G.open == 0; }

static int image_width(void) { return (int)(G.frame_w * G.xres + 0.5); }
static int image_height(void) { return (int)(G.frame_h * G.yres + 0.5); }
static int samples(void) { return G.pixeltype == TWPT_RGB ? 3 : 1; }
static TW_UINT32 bytes_per_row(void) { return ((TW_UINT32)(image_width() * samples()) + 3u) & ~3u; }

static int total_images(void) {
    if (!G.feeder) return 1; /* the glass always holds one page */
    return G.cfg.sheets * (G.duplex ? 2 : 1);
}

static int current_image(void) { return G.images_done + 1; }
static int sheet_of(int image) { return G.feeder && G.duplex ? (image + 1) / 2 : image; }
static int is_back(int image) { return G.feeder && G.duplex && image % 2 == 0; }

static int remaining(void) {
    int left = total_images() - G.images_done;
    if (G.xfercount > 0 && G.xfercount - G.images_done < left) left = G.xfercount - G.images_done;
    return left < 0 ? 0 : left;
}

/* ------------------------------------------------------------------ the page pattern */

static void pattern_row(int sheet, int back, int blank, int y, int w, int h, unsigned char *out) {
    int s = w / 20 > 2 ? w / 20 : 2;
    for (int x = 0; x < w; x++) {
        unsigned char r = 250, g = 250, b = 245;
        if (!blank) {
            int x0 = w / 10, x1 = 9 * w / 10;
            if (y >= h / 20 && y < h / 10 && x >= x0 && x < x1) {
                if (back) { r = 40; g = 40; b = 200; } else { r = 200; g = 40; b = 40; }
            } else if (y >= h / 5 && y < h / 5 + s && x >= x0) {
                int i = (x - x0) / (2 * s);
                if (i < sheet && (x - x0) % (2 * s) < s) { r = 20; g = 20; b = 20; }
            } else if (y >= 3 * h / 10 && y < 9 * h / 10 && x >= x0 && x < x1) {
                int line = (y - 3 * h / 10) / s;
                int word = (x - x0) / (2 * s);
                int width = s + ((word * 7 + line * 3) % 5) * s / 10;
                if ((y - 3 * h / 10) % s < s / 3 && (x - x0) % (2 * s) < width) { r = 30; g = 30; b = 30; }
            }
        }
        if (G.pixeltype == TWPT_RGB) {
            out[3 * x] = r;
            out[3 * x + 1] = g;
            out[3 * x + 2] = b;
        } else {
            out[x] = (unsigned char)((r * 299 + g * 587 + b * 114) / 1000);
        }
    }
}

/* ------------------------------------------------------------------ the data source side */

static void *ready_main(void *arg) {
    (void)arg;
    usleep(2000); /* the real thing answers from its own thread, after MSG_ENABLEDS has returned */
    pthread_mutex_lock(&G.lock);
    if (G.abort_ready || G.cfg.never_ready) { /* disabled before the scan started, or hung */
        pthread_mutex_unlock(&G.lock);
        return NULL;
    }
    G.state = 6;
    G.rows_sent = 0;
    G.xferdone = 0;
    DSMENTRYPROC cb = G.callback;
    pthread_mutex_unlock(&G.lock);
    trace("callback msg=0x%04x state=6\n", MSG_XFERREADY);
    cb(&G.sources[G.open], &G.app, DG_CONTROL, DAT_NULL, MSG_XFERREADY, NULL);
    return NULL;
}

static void join_ready_thread(void) {
    if (G.thread_running) {
        pthread_join(G.ready_thread, NULL);
        G.thread_running = 0;
    }
}

static void reset_source_caps(void) {
    G.xfermech = TWSX_NATIVE;
    G.pixeltype = TWPT_RGB;
    G.feeder = is_sheetfed();
    G.duplex = 0;
    G.indicators = 1;
    G.xfercount = -1;
    G.xres = G.yres = 150.0;
    G.frame_w = 8.5;
    G.frame_h = 11.0;
    G.images_done = 0;
    G.has_callback = 0;
    G.callback = NULL;
    G.ds_cc = TWCC_SUCCESS;
}

static void read_config(void) {
    G.cfg.sheets = env_int("FAKE_TWAIN_SHEETS", 3);
    G.cfg.empty = env_int("FAKE_TWAIN_EMPTY", 0);
    if (G.cfg.empty) G.cfg.sheets = 0;
    G.cfg.loaded_lies = env_int("FAKE_TWAIN_LOADED_LIES", 0);
    G.cfg.offline = env_int("FAKE_TWAIN_OFFLINE", 0);
    G.cfg.cover_open = env_int("FAKE_TWAIN_COVER_OPEN", 0);
    G.cfg.jam_at = env_int("FAKE_TWAIN_JAM_AT", 0);
    G.cfg.doublefeed_at = env_int("FAKE_TWAIN_DOUBLEFEED_AT", 0);
    G.cfg.crash_at = env_int("FAKE_TWAIN_CRASH_AT", 0);
    G.cfg.stall_at = env_int("FAKE_TWAIN_STALL_AT", 0);
    G.cfg.blank_backs = env_int("FAKE_TWAIN_BLANK_BACKS", 0);
    G.cfg.never_ready = env_int("FAKE_TWAIN_NEVER_READY", 0);
}

static TW_UINT16 ds_fail(TW_UINT16 cc) {
    G.ds_cc = cc;
    return TWRC_FAILURE;
}

static TW_HANDLE onevalue(TW_UINT16 type, TW_UINT32 item) {
    TW_ONEVALUE *ov = mem_allocate(sizeof(TW_ONEVALUE));
    ov->ItemType = type;
    ov->Item = item;
    return ov;
}

static TW_HANDLE resolution_container(TW_UINT16 *contype, double current) {
    if (is_sheetfed()) {
        int n = (int)(sizeof ENUM_DPI / sizeof ENUM_DPI[0]);
        size_t size = sizeof(TW_ENUMERATION) - 1 + n * sizeof(TW_FIX32);
        TW_ENUMERATION *e = mem_allocate((TW_UINT32)size);
        e->ItemType = TWTY_FIX32;
        e->NumItems = (TW_UINT32)n;
        e->DefaultIndex = 1;
        for (int i = 0; i < n; i++) {
            TW_FIX32 f = double_to_fix(ENUM_DPI[i]);
            memcpy(e->ItemList + i * sizeof f, &f, sizeof f);
            if (ENUM_DPI[i] == (int)current) e->CurrentIndex = (TW_UINT32)i;
        }
        *contype = TWON_ENUMERATION;
        return e;
    }
    TW_RANGE *r = mem_allocate(sizeof(TW_RANGE));
    r->ItemType = TWTY_FIX32;
    r->MinValue = fix_bits(double_to_fix(50));
    r->MaxValue = fix_bits(double_to_fix(1200));
    r->StepSize = fix_bits(double_to_fix(1));
    r->DefaultValue = fix_bits(double_to_fix(150));
    r->CurrentValue = fix_bits(double_to_fix(current));
    *contype = TWON_RANGE;
    return r;
}

static TW_UINT16 cap_get(TW_CAPABILITY *cap) {
    TW_UINT16 contype = TWON_ONEVALUE;
    TW_HANDLE h = NULL;
    switch (cap->Cap) {
    case CAP_XFERCOUNT: h = onevalue(TWTY_INT16, (TW_UINT16)(TW_INT16)G.xfercount); break;
    case ICAP_COMPRESSION: h = onevalue(TWTY_UINT16, 0); break;
    case ICAP_PIXELTYPE: h = onevalue(TWTY_UINT16, (TW_UINT32)G.pixeltype); break;
    case ICAP_UNITS: h = onevalue(TWTY_UINT16, 0); break;
    case ICAP_XFERMECH: h = onevalue(TWTY_UINT16, (TW_UINT32)G.xfermech); break;
    case CAP_FEEDERENABLED: h = onevalue(TWTY_BOOL, (TW_UINT32)G.feeder); break;
    case CAP_FEEDERLOADED:
        h = onevalue(TWTY_BOOL, G.cfg.loaded_lies || G.cfg.sheets - (G.images_done / (G.duplex ? 2 : 1)) > 0);
        break;
    case CAP_INDICATORS: h = onevalue(TWTY_BOOL, (TW_UINT32)G.indicators); break;
    case CAP_UICONTROLLABLE: h = onevalue(TWTY_BOOL, 1); break;
    case CAP_DEVICEONLINE: h = onevalue(TWTY_BOOL, !G.cfg.offline); break;
    case CAP_DUPLEX: h = onevalue(TWTY_UINT16, is_sheetfed() ? 1 : 0); break;
    case CAP_DUPLEXENABLED:
        if (!is_sheetfed()) return ds_fail(TWCC_CAPUNSUPPORTED);
        h = onevalue(TWTY_BOOL, (TW_UINT32)G.duplex);
        break;
    case ICAP_PHYSICALWIDTH: h = onevalue(TWTY_FIX32, fix_bits(double_to_fix(8.5))); break;
    case ICAP_PHYSICALHEIGHT: h = onevalue(TWTY_FIX32, fix_bits(double_to_fix(is_sheetfed() ? 14.0 : 11.69))); break;
    case ICAP_XRESOLUTION: h = resolution_container(&contype, G.xres); break;
    case ICAP_YRESOLUTION: h = resolution_container(&contype, G.yres); break;
    default: return ds_fail(TWCC_CAPUNSUPPORTED);
    }
    cap->ConType = contype;
    cap->hContainer = h;
    return TWRC_SUCCESS;
}

static TW_UINT16 set_resolution(double *target, double wanted) {
    if (is_sheetfed()) {
        int n = (int)(sizeof ENUM_DPI / sizeof ENUM_DPI[0]);
        int best = ENUM_DPI[0];
        for (int i = 0; i < n; i++) {
            if (abs(ENUM_DPI[i] - (int)(wanted + 0.5)) < abs(best - (int)(wanted + 0.5))) best = ENUM_DPI[i];
        }
        *target = best;
        return best == (int)(wanted + 0.5) && wanted == (int)wanted ? TWRC_SUCCESS : TWRC_CHECKSTATUS;
    }
    if (wanted < 50 || wanted > 1200) return ds_fail(TWCC_BADVALUE);
    *target = wanted;
    return TWRC_SUCCESS;
}

static TW_UINT16 cap_set(TW_CAPABILITY *cap, long *traced) {
    if (cap->ConType != TWON_ONEVALUE || !cap->hContainer) return ds_fail(TWCC_BADVALUE);
    TW_ONEVALUE *ov = mem_lock(cap->hContainer);
    TW_UINT16 want_type;
    switch (cap->Cap) {
    case CAP_XFERCOUNT: want_type = TWTY_INT16; break;
    case ICAP_XRESOLUTION:
    case ICAP_YRESOLUTION: want_type = TWTY_FIX32; break;
    case CAP_FEEDERENABLED:
    case CAP_DUPLEXENABLED:
    case CAP_INDICATORS:
    case CAP_UICONTROLLABLE:
    case CAP_FEEDERLOADED:
    case CAP_DEVICEONLINE: want_type = TWTY_BOOL; break;
    case ICAP_COMPRESSION:
    case ICAP_PIXELTYPE:
    case ICAP_UNITS:
    case ICAP_XFERMECH: want_type = TWTY_UINT16; break;
    default: return ds_fail(TWCC_CAPUNSUPPORTED);
    }
    if (ov->ItemType != want_type) return ds_fail(TWCC_BADVALUE);
    TW_UINT32 item = ov->Item;
    *traced = want_type == TWTY_FIX32 ? (long)(fix_to_double(bits_fix(item)) * 1000) : (long)item;
    switch (cap->Cap) {
    case CAP_XFERCOUNT: {
        TW_INT16 n = (TW_INT16)(item & 0xffff);
        *traced = n;
        if (n == 0 || n < -1) return ds_fail(TWCC_BADVALUE);
        G.xfercount = n;
        return TWRC_SUCCESS;
    }
    case ICAP_XRESOLUTION: return set_resolution(&G.xres, fix_to_double(bits_fix(item)));
    case ICAP_YRESOLUTION: return set_resolution(&G.yres, fix_to_double(bits_fix(item)));
    case CAP_FEEDERENABLED:
        if (item > 1) return ds_fail(TWCC_BADVALUE);
        if (!item && is_sheetfed()) return ds_fail(TWCC_BADVALUE); /* no glass to scan from */
        G.feeder = (int)item;
        return TWRC_SUCCESS;
    case CAP_DUPLEXENABLED:
        if (!is_sheetfed()) return ds_fail(TWCC_CAPUNSUPPORTED);
        if (item > 1) return ds_fail(TWCC_BADVALUE);
        G.duplex = (int)item;
        return TWRC_SUCCESS;
    case CAP_INDICATORS:
        if (item > 1) return ds_fail(TWCC_BADVALUE);
        G.indicators = (int)item;
        return TWRC_SUCCESS;
    case ICAP_COMPRESSION: return item == 0 ? TWRC_SUCCESS : ds_fail(TWCC_BADVALUE);
    case ICAP_UNITS: return item == 0 ? TWRC_SUCCESS : ds_fail(TWCC_BADVALUE);
    case ICAP_PIXELTYPE:
        if (item != TWPT_RGB && item != TWPT_GRAY) return ds_fail(TWCC_BADVALUE);
        G.pixeltype = (int)item;
        return TWRC_SUCCESS;
    case ICAP_XFERMECH:
        if (item != TWSX_NATIVE && item != TWSX_MEMORY) return ds_fail(TWCC_BADVALUE);
        G.xfermech = (int)item;
        return TWRC_SUCCESS;
    default: return ds_fail(TWCC_CAPBADOPERATION); /* read-only */
    }
}

static TW_UINT16 do_capability(TW_UINT16 msg, TW_CAPABILITY *cap, long *traced) {
    if (!cap) return ds_fail(TWCC_BADVALUE);
    if (msg == MSG_GET || msg == MSG_GETCURRENT) {
        if (G.state < 4) return ds_fail(TWCC_SEQERROR);
        return cap_get(cap);
    }
    if (msg == MSG_SET) {
        if (G.state != 4) return ds_fail(TWCC_SEQERROR); /* negotiation only before enabling */
        return cap_set(cap, traced);
    }
    return ds_fail(TWCC_BADPROTOCOL);
}

static TW_UINT16 do_enable(TW_USERINTERFACE *ui) {
    if (G.state != 4) return ds_fail(TWCC_SEQERROR);
    if (!ui) return ds_fail(TWCC_BADVALUE);
    if (!G.has_callback) return ds_fail(TWCC_SEQERROR); /* Linux: no event loop, callbacks are required */
    if (G.cfg.cover_open) return ds_fail(TWCC_INTERLOCK);
    if (G.feeder && G.cfg.sheets == 0) return ds_fail(TWCC_NOMEDIA);
    G.state = 5;
    G.images_done = 0;
    G.strips = 0;
    G.abort_ready = 0;
    pthread_create(&G.ready_thread, NULL, ready_main, NULL);
    G.thread_running = 1;
    return ui->ShowUI ? TWRC_CHECKSTATUS : TWRC_SUCCESS;
}

static TW_UINT16 do_imageinfo(TW_IMAGEINFO *info) {
    if (G.state != 6 && G.state != 7) return ds_fail(TWCC_SEQERROR);
    memset(info, 0, sizeof *info);
    info->XResolution = double_to_fix(G.xres);
    info->YResolution = double_to_fix(G.yres);
    info->ImageWidth = image_width();
    info->ImageLength = current_image() == G.cfg.stall_at ? -1 : image_height();
    info->SamplesPerPixel = (TW_INT16)samples();
    for (int i = 0; i < samples(); i++) info->BitsPerSample[i] = 8;
    info->BitsPerPixel = (TW_INT16)(8 * samples());
    info->PixelType = (TW_INT16)G.pixeltype;
    return TWRC_SUCCESS;
}

static TW_UINT16 do_setupmem(TW_SETUPMEMXFER *setup) {
    if (G.state < 4 || G.state > 6) return ds_fail(TWCC_SEQERROR);
    setup->MinBufSize = bytes_per_row();
    setup->MaxBufSize = 1u << 20;
    setup->Preferred = current_image() == G.cfg.stall_at ? bytes_per_row() : 64u * 1024u;
    if (setup->Preferred < setup->MinBufSize) setup->Preferred = setup->MinBufSize;
    return TWRC_SUCCESS;
}

static TW_UINT16 do_memxfer(TW_IMAGEMEMXFER *x) {
    if (G.state != 6 && G.state != 7) return ds_fail(TWCC_SEQERROR);
    if (G.xfermech != TWSX_MEMORY) return ds_fail(TWCC_SEQERROR);
    if (G.state == 7 && G.xferdone) return ds_fail(TWCC_SEQERROR); /* MSG_ENDXFER must come first */
    if (!x || !(x->Memory.Flags & TWMF_APPOWNS) || !(x->Memory.Flags & TWMF_POINTER) || !x->Memory.TheMem)
        return ds_fail(TWCC_BADVALUE);
    TW_UINT32 bpr = bytes_per_row();
    if (x->Memory.Length < bpr) return ds_fail(TWCC_BADVALUE);
    int image = current_image();
    int sheet = sheet_of(image);
    if (G.state == 6) {
        if (image == G.cfg.crash_at) abort();
        if (!is_back(image) && G.feeder && sheet == G.cfg.jam_at) return ds_fail(TWCC_PAPERJAM);
        if (!is_back(image) && G.feeder && sheet == G.cfg.doublefeed_at) return ds_fail(TWCC_PAPERDOUBLEFEED);
        G.rows_sent = 0;
        G.xferdone = 0;
    }
    int w = image_width(), h = image_height();
    int stall = image == G.cfg.stall_at;
    int rows = (int)(x->Memory.Length / bpr);
    if (!stall && rows > h - G.rows_sent) rows = h - G.rows_sent;
    unsigned char *mem = x->Memory.TheMem;
    int blank = is_back(image) && G.cfg.blank_backs;
    for (int r = 0; r < rows; r++) {
        memset(mem + (size_t)r * bpr, 0, bpr);
        pattern_row(sheet, is_back(image), blank, (G.rows_sent + r) % h, w, h, mem + (size_t)r * bpr);
    }
    x->Compression = 0;
    x->BytesPerRow = bpr;
    x->Columns = (TW_UINT32)w;
    x->Rows = (TW_UINT32)rows;
    x->XOffset = 0;
    x->YOffset = (TW_UINT32)G.rows_sent;
    x->BytesWritten = (TW_UINT32)rows * bpr;
    G.rows_sent += rows;
    G.state = 7;
    G.strips++;
    if (stall) {
        usleep(2000);
        if (G.strips < 200000) return TWRC_SUCCESS;
    }
    if (stall || G.rows_sent >= h) {
        G.xferdone = 1;
        return TWRC_XFERDONE;
    }
    return TWRC_SUCCESS;
}

static TW_UINT16 do_pending(TW_UINT16 msg, TW_PENDINGXFERS *p) {
    if (!p) return ds_fail(TWCC_BADVALUE);
    if (msg == MSG_GET) {
        if (G.state < 4) return ds_fail(TWCC_SEQERROR);
        p->Count = G.state >= 6 ? (TW_UINT16)(remaining() ? remaining() : 0) : 0;
        return TWRC_SUCCESS;
    }
    if (msg == MSG_ENDXFER) {
        if (G.state != 6 && G.state != 7) return ds_fail(TWCC_SEQERROR);
        G.images_done++;
        G.rows_sent = 0;
        G.xferdone = 0;
        int left = remaining();
        if (left > 0) {
            /* a feeder cannot know how many sheets are left; a set XFERCOUNT can */
            p->Count = G.xfercount > 0 ? (TW_UINT16)left : PENDING_UNKNOWN;
            G.state = 6;
        } else {
            p->Count = 0;
            G.state = 5;
        }
        return TWRC_SUCCESS;
    }
    if (msg == MSG_RESET) {
        if (G.state != 6) return ds_fail(TWCC_SEQERROR);
        p->Count = 0;
        G.state = 5;
        return TWRC_SUCCESS;
    }
    return ds_fail(TWCC_BADPROTOCOL);
}

static TW_UINT16 do_layout(TW_UINT16 msg, TW_IMAGELAYOUT *layout) {
    if (!layout) return ds_fail(TWCC_BADVALUE);
    if (msg == MSG_GET) {
        if (G.state < 4 || G.state > 6) return ds_fail(TWCC_SEQERROR);
        memset(layout, 0, sizeof *layout);
        layout->Frame.Right = double_to_fix(G.frame_w);
        layout->Frame.Bottom = double_to_fix(G.frame_h);
        return TWRC_SUCCESS;
    }
    if (msg != MSG_SET) return ds_fail(TWCC_BADPROTOCOL);
    if (G.state != 4) return ds_fail(TWCC_SEQERROR);
    double left = fix_to_double(layout->Frame.Left), top = fix_to_double(layout->Frame.Top);
    double w = fix_to_double(layout->Frame.Right) - left, h = fix_to_double(layout->Frame.Bottom) - top;
    if (w <= 0 || h <= 0) return ds_fail(TWCC_BADVALUE);
    TW_UINT16 rc = TWRC_SUCCESS;
    if (w > 8.5) { w = 8.5; rc = TWRC_CHECKSTATUS; }
    if (h > 14.0) { h = 14.0; rc = TWRC_CHECKSTATUS; }
    G.frame_w = w;
    G.frame_h = h;
    return rc;
}

static TW_UINT16 ds_entry(TW_UINT32 dg, TW_UINT16 dat, TW_UINT16 msg, TW_MEMREF data, long *traced) {
    if (dg == DG_CONTROL && dat == DAT_CAPABILITY) return do_capability(msg, data, traced);
    if (dg == DG_CONTROL && dat == DAT_CALLBACK && msg == MSG_REGISTER_CALLBACK) {
        if (G.state != 4) return ds_fail(TWCC_SEQERROR);
        TW_CALLBACK *cb = data;
        if (!cb || !cb->CallBackProc) return ds_fail(TWCC_BADVALUE);
        G.callback = (DSMENTRYPROC)cb->CallBackProc;
        G.has_callback = 1;
        return TWRC_SUCCESS;
    }
    if (dg == DG_CONTROL && dat == DAT_USERINTERFACE && msg == MSG_ENABLEDS) return do_enable(data);
    if (dg == DG_CONTROL && dat == DAT_USERINTERFACE && msg == MSG_DISABLEDS) {
        pthread_mutex_lock(&G.lock);
        G.abort_ready = 1;
        pthread_mutex_unlock(&G.lock);
        join_ready_thread();
        if (G.state != 5) return ds_fail(TWCC_SEQERROR);
        G.state = 4;
        return TWRC_SUCCESS;
    }
    if (dg == DG_CONTROL && dat == DAT_PENDINGXFERS) return do_pending(msg, data);
    if (dg == DG_CONTROL && dat == DAT_SETUPMEMXFER && msg == MSG_GET) return do_setupmem(data);
    if (dg == DG_IMAGE && dat == DAT_IMAGEINFO && msg == MSG_GET) return do_imageinfo(data);
    if (dg == DG_IMAGE && dat == DAT_IMAGELAYOUT) return do_layout(msg, data);
    if (dg == DG_IMAGE && dat == DAT_IMAGEMEMXFER && msg == MSG_GET) return do_memxfer(data);
    return ds_fail(TWCC_BADPROTOCOL);
}

/* ------------------------------------------------------------------ the manager side */

static TW_UINT16 dsm_fail(TW_UINT16 cc) {
    G.dsm_cc = cc;
    return TWRC_FAILURE;
}

static TW_UINT16 dsm_entry(pTW_IDENTITY origin, TW_UINT16 dat, TW_UINT16 msg, TW_MEMREF data) {
    if (dat == DAT_PARENT && msg == MSG_OPENDSM) {
        if (G.state != 2) return dsm_fail(TWCC_SEQERROR);
        const char *path = getenv("FAKE_TWAIN_TRACE");
        if (path && *path && !G.trace) G.trace = fopen(path, "a");
        origin->Id = APP_ID;
        if (origin->SupportedGroups & DF_APP2) origin->SupportedGroups |= DF_DSM2;
        G.app = *origin;
        G.dsm_cc = TWCC_SUCCESS;
        G.open = -1;
        init_sources();
        G.state = 3;
        return TWRC_SUCCESS;
    }
    if (origin->Id != APP_ID || G.state < 3) return dsm_fail(TWCC_SEQERROR);
    if (dat == DAT_PARENT && msg == MSG_CLOSEDSM) {
        if (G.state != 3) return dsm_fail(TWCC_SEQERROR);
        G.state = 2;
        trace("closedsm leaked=%d\n", G.allocations);
        return TWRC_SUCCESS;
    }
    if (dat == DAT_ENTRYPOINT && msg == MSG_GET) {
        TW_ENTRYPOINT *ep = data;
        if (!ep || ep->Size != sizeof(TW_ENTRYPOINT)) return dsm_fail(TWCC_BADVALUE);
        ep->DSM_MemAllocate = mem_allocate;
        ep->DSM_MemFree = mem_free;
        ep->DSM_MemLock = mem_lock;
        ep->DSM_MemUnlock = mem_unlock;
        return TWRC_SUCCESS;
    }
    if (dat == DAT_STATUS && msg == MSG_GET) {
        TW_STATUS *st = data;
        st->ConditionCode = G.dsm_cc;
        st->Data = 0;
        G.dsm_cc = TWCC_SUCCESS;
        return TWRC_SUCCESS;
    }
    if (dat == DAT_IDENTITY && (msg == MSG_GETFIRST || msg == MSG_GETNEXT)) {
        if (msg == MSG_GETFIRST) G.list_next = 0;
        if (G.list_next >= N_SOURCES) return TWRC_ENDOFLIST;
        *(TW_IDENTITY *)data = G.sources[G.list_next++];
        return TWRC_SUCCESS;
    }
    if (dat == DAT_IDENTITY && msg == MSG_OPENDS) {
        if (G.state != 3) return dsm_fail(G.open >= 0 ? TWCC_MAXCONNECTIONS : TWCC_SEQERROR);
        TW_IDENTITY *want = data;
        int found = -1;
        for (int i = 0; i < N_SOURCES; i++) {
            if ((want->Id && want->Id == G.sources[i].Id) ||
                (!want->Id && strncmp(want->ProductName, G.sources[i].ProductName, 34) == 0))
                found = i;
        }
        if (found < 0) return dsm_fail(TWCC_NODS);
        read_config();
        if (G.cfg.offline) return dsm_fail(TWCC_CHECKDEVICEONLINE);
        G.open = found;
        reset_source_caps();
        *want = G.sources[found];
        G.state = 4;
        return TWRC_SUCCESS;
    }
    if (dat == DAT_IDENTITY && msg == MSG_CLOSEDS) {
        TW_IDENTITY *which = data;
        if (G.state != 4) return dsm_fail(TWCC_SEQERROR);
        if (!which || G.open < 0 || which->Id != G.sources[G.open].Id) return dsm_fail(TWCC_BADDEST);
        join_ready_thread();
        G.open = -1;
        G.state = 3;
        return TWRC_SUCCESS;
    }
    return dsm_fail(TWCC_BADPROTOCOL);
}

TW_UINT16 DSM_Entry(pTW_IDENTITY origin, pTW_IDENTITY dest, TW_UINT32 dg, TW_UINT16 dat, TW_UINT16 msg,
                    TW_MEMREF data) {
    if (!origin) return TWRC_FAILURE;
    long traced = -1;
    int before = G.state;
    TW_UINT16 rc;
    if (dest == NULL) {
        rc = dsm_entry(origin, dat, msg, data);
    } else if (origin->Id != APP_ID || G.open < 0 || dest->Id != G.sources[G.open].Id) {
        rc = dsm_fail(G.open < 0 && G.state >= 3 ? TWCC_SEQERROR : TWCC_BADDEST);
    } else if (dg == DG_CONTROL && dat == DAT_STATUS && msg == MSG_GET) {
        TW_STATUS *st = data;
        st->ConditionCode = G.ds_cc;
        st->Data = 0;
        G.ds_cc = TWCC_SUCCESS;
        rc = TWRC_SUCCESS;
    } else {
        rc = ds_entry(dg, dat, msg, data, &traced);
    }
    TW_UINT16 cc = rc == TWRC_FAILURE ? (dest ? G.ds_cc : G.dsm_cc) : 0;
    int cap = dat == DAT_CAPABILITY && data ? ((TW_CAPABILITY *)data)->Cap : 0;
    if (dat != DAT_IMAGEMEMXFER || rc != TWRC_SUCCESS)
        trace("call dg=%u dat=0x%04x msg=0x%04x rc=%u cc=%u state=%d>%d cap=0x%04x value=%ld\n", dg, dat, msg, rc,
              cc, before, G.state, cap, traced);
    return rc;
}

/* Test hook: back to state 2 (the library stays loaded in a test process between tests). */
void fake_twain_reset(void) {
    join_ready_thread();
    G.state = 2;
    G.open = -1;
    G.allocations = 0;
    if (G.trace) {
        fclose(G.trace);
        G.trace = NULL;
    }
}
