// pcfs: an in-memory FUSE filesystem that forgets everything not made
// durable, for power-cut tests (docs/powercut.md describes the model).
//
// Every inode has a *current* state (what processes see) and a *durable*
// state (what a disk would still hold after the power went out):
//   - fsync/fdatasync of a file makes that file's data and size durable;
//   - fsync of a directory makes that directory's entries (name -> inode:
//     creates, links, renames, unlinks in it) durable;
//   - nothing else is ever durable: a new file's name is not durable until
//     its folder is synced, a new folder's name not until its parent is.
// A power cut replaces the current state by the durable one. In "cache"
// mode a random part of the pending (not yet synced) operations survives as
// well, as with a disk that had written some of its cache: per file a prefix
// of its pending writes (the last one possibly torn at a 512-byte sector),
// and a prefix of the global order of directory operations (a journal).
//
// Control: the file /.powercut (hidden from listings). Write one command per
// line; read it for counters.
//   cut                 cut the power now
//   arm KIND N          cut right after the Nth operation of KIND from now
//                       (KIND: any write fsync dirsync sync ns)
//   mode strict | mode cache SEED
//   reveal              show the durable image (after a cut) and accept writes again
//   syncall             make the whole current state durable (import a state)
//   reset               zero the counters, disarm, a fast disk again
//   slow MS             every fsync (file or folder) takes MS ms more: a slow
//                       disk, so a recording's queue fills while it syncs
// After a cut and before `reveal`, every modifying operation fails with EIO
// (the disk is gone) and reads show the state of the moment of the cut (what
// a SIGKILL would have left: the page cache).
//
// Single-threaded (-s): operations are strictly ordered, so counting them is
// deterministic for a deterministic writer.

#define FUSE_USE_VERSION 35
#include <fuse3/fuse.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <csignal>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_map>
#include <vector>
#include <ctime>

namespace {

constexpr const char *kControl = "/.powercut";
constexpr uint64_t kControlFh = ~uint64_t(0);
constexpr uint64_t kRoot = 1;

struct FileOp {
    enum Kind { Write, Truncate } kind;
    off_t offset = 0; // Write: where; Truncate: the new size
    std::string data;
};

struct DirOp {
    uint64_t seq;                                      // global order of directory operations
    std::vector<std::pair<std::string, uint64_t>> set; // name -> inode (0 = remove), applied together
};

struct Inode {
    uint64_t id = 0;
    std::string name; // the name it was created under (for the trace)
    bool dir = false;
    mode_t mode = 0;
    timespec mtime{};
    std::string cur, dur;                          // file data
    std::vector<FileOp> pending;                   // file ops since its last fsync
    std::map<std::string, uint64_t> ents, durEnts; // directory entries
    std::vector<DirOp> dpending;                   // dir ops since its last fsync
};

struct Counters {
    uint64_t any = 0, write = 0, fsync = 0, dirsync = 0, ns = 0;
};

struct State {
    std::unordered_map<uint64_t, std::shared_ptr<Inode>> inodes;
    uint64_t nextId = 2;
    uint64_t dirSeq = 0;
    bool cut = false;
    bool cacheMode = false;
    uint64_t seed = 1;
    Counters count;
    std::string armKind;
    uint64_t armAt = 0;
    unsigned slowMs = 0; // `slow MS`: added to every fsync
    // The image to reveal: inode id -> (data | entries).
    std::unordered_map<uint64_t, std::shared_ptr<Inode>> image;
    std::string lastEvent;
    uint64_t cuts = 0;
} g;

timespec now()
{
    timespec t{};
    clock_gettime(CLOCK_REALTIME, &t);
    return t;
}

std::shared_ptr<Inode> get(uint64_t id)
{
    auto it = g.inodes.find(id);
    return it == g.inodes.end() ? nullptr : it->second;
}

std::shared_ptr<Inode> newInode(bool dir, mode_t mode)
{
    auto n = std::make_shared<Inode>();
    n->id = g.nextId++;
    n->dir = dir;
    n->mode = mode;
    n->mtime = now();
    g.inodes[n->id] = n;
    return n;
}

std::vector<std::string> split(const char *path)
{
    std::vector<std::string> parts;
    std::string cur;
    for (const char *p = path; *p; ++p) {
        if (*p == '/') {
            if (!cur.empty())
                parts.push_back(cur);
            cur.clear();
        } else {
            cur += *p;
        }
    }
    if (!cur.empty())
        parts.push_back(cur);
    return parts;
}

std::shared_ptr<Inode> lookup(const char *path)
{
    if (!path)
        return nullptr;
    auto n = get(kRoot);
    for (const std::string &p : split(path)) {
        if (!n || !n->dir)
            return nullptr;
        auto it = n->ents.find(p);
        if (it == n->ents.end())
            return nullptr;
        n = get(it->second);
    }
    return n;
}

// Parent folder and last name of a path.
std::shared_ptr<Inode> parentOf(const char *path, std::string *name)
{
    auto parts = split(path);
    if (parts.empty())
        return nullptr;
    *name = parts.back();
    parts.pop_back();
    auto n = get(kRoot);
    for (const std::string &p : parts) {
        if (!n || !n->dir)
            return nullptr;
        auto it = n->ents.find(p);
        if (it == n->ents.end())
            return nullptr;
        n = get(it->second);
    }
    return n && n->dir ? n : nullptr;
}

std::shared_ptr<Inode> fromFi(const char *path, fuse_file_info *fi)
{
    if (fi && fi->fh && fi->fh != kControlFh)
        return get(fi->fh);
    return lookup(path);
}

int linkCount(uint64_t id)
{
    int c = 0;
    for (auto &kv : g.inodes)
        if (kv.second->dir)
            for (auto &e : kv.second->ents)
                c += e.second == id;
    return std::max(c, 1);
}

// ---- the model ----

void applyFileOp(std::string &data, const FileOp &op, size_t tornBytes = std::string::npos)
{
    if (op.kind == FileOp::Truncate) {
        data.resize(size_t(op.offset), '\0');
        return;
    }
    const size_t len = std::min(op.data.size(), tornBytes);
    if (len == 0)
        return;
    const size_t end = size_t(op.offset) + len;
    if (data.size() < end)
        data.resize(end, '\0');
    std::memcpy(&data[size_t(op.offset)], op.data.data(), len);
}

void applyDirOp(std::map<std::string, uint64_t> &ents, const DirOp &op)
{
    for (const auto &[name, id] : op.set) {
        if (id == 0)
            ents.erase(name);
        else
            ents[name] = id;
    }
}

void dirChange(const std::shared_ptr<Inode> &d, std::vector<std::pair<std::string, uint64_t>> set, uint64_t seq)
{
    DirOp op{seq, std::move(set)};
    applyDirOp(d->ents, op);
    d->dpending.push_back(std::move(op));
    d->mtime = now();
}

void fileChange(const std::shared_ptr<Inode> &f, FileOp op)
{
    applyFileOp(f->cur, op);
    f->pending.push_back(std::move(op));
    f->mtime = now();
}

// The state a disk holds after the power goes out now.
void cutPower()
{
    std::mt19937_64 rng(g.seed * 1000003 + g.cuts);
    g.image.clear();
    // Cache mode: the journal reached some point of the global order.
    uint64_t dirCutoff = 0;
    if (g.cacheMode) {
        uint64_t lo = g.dirSeq, hi = g.dirSeq;
        for (auto &kv : g.inodes)
            for (auto &op : kv.second->dpending)
                lo = std::min(lo, op.seq);
        dirCutoff = lo == hi ? hi : std::uniform_int_distribution<uint64_t>(lo > 0 ? lo - 1 : 0, hi)(rng);
    }
    for (auto &kv : g.inodes) {
        const Inode &n = *kv.second;
        auto img = std::make_shared<Inode>();
        img->id = n.id;
        img->dir = n.dir;
        img->mode = n.mode;
        img->mtime = n.mtime;
        if (n.dir) {
            img->ents = n.durEnts;
            if (g.cacheMode)
                for (const DirOp &op : n.dpending)
                    if (op.seq <= dirCutoff)
                        applyDirOp(img->ents, op);
        } else {
            img->cur = n.dur;
            if (g.cacheMode && !n.pending.empty()) {
                const size_t k = std::uniform_int_distribution<size_t>(0, n.pending.size())(rng);
                for (size_t i = 0; i < k; ++i)
                    applyFileOp(img->cur, n.pending[i]);
                if (k < n.pending.size() && n.pending[k].kind == FileOp::Write && n.pending[k].data.size() > 512) {
                    // The write in progress may be torn at a sector boundary.
                    const FileOp &op = n.pending[k];
                    const size_t firstSector = (size_t(op.offset) / 512 + 1) * 512 - size_t(op.offset);
                    const size_t sectors = (op.data.size() - firstSector) / 512;
                    const size_t s = std::uniform_int_distribution<size_t>(0, sectors)(rng);
                    if (s > 0)
                        applyFileOp(img->cur, op, firstSector + (s - 1) * 512);
                }
            }
        }
        g.image[n.id] = img;
    }
    g.cut = true;
    ++g.cuts;
    g.lastEvent = "cut after op " + std::to_string(g.count.any);
}

void reveal()
{
    if (!g.cut)
        return;
    // Only what is reachable from the root survives.
    std::unordered_map<uint64_t, std::shared_ptr<Inode>> live;
    std::vector<uint64_t> todo{kRoot};
    while (!todo.empty()) {
        const uint64_t id = todo.back();
        todo.pop_back();
        if (live.count(id) || !g.image.count(id))
            continue;
        auto n = g.image[id];
        n->dur = n->cur;
        n->durEnts = n->ents;
        live[id] = n;
        if (n->dir)
            for (auto &e : n->ents)
                todo.push_back(e.second);
    }
    g.inodes = std::move(live);
    g.image.clear();
    g.cut = false;
    g.armKind.clear();
    g.lastEvent = "revealed";
}

void syncAll()
{
    // Inodes no folder names any more are forgotten (nothing holds them open
    // between runs of the harness).
    std::unordered_map<uint64_t, std::shared_ptr<Inode>> live;
    std::vector<uint64_t> todo{kRoot};
    while (!todo.empty()) {
        const uint64_t id = todo.back();
        todo.pop_back();
        auto n = get(id);
        if (!n || live.count(id))
            continue;
        live[id] = n;
        if (n->dir)
            for (auto &e : n->ents)
                todo.push_back(e.second);
    }
    g.inodes = std::move(live);
    for (auto &kv : g.inodes) {
        kv.second->dur = kv.second->cur;
        kv.second->pending.clear();
        kv.second->durEnts = kv.second->ents;
        kv.second->dpending.clear();
    }
}

// Counts a completed modifying operation; cuts when armed for it.
FILE *g_trace = nullptr; // PCFS_TRACE: one line per counted operation
std::string g_tracePath;

void counted(const char *kind, const std::string &what)
{
    ++g.count.any;
    if (g_trace) {
        std::fprintf(g_trace, "%llu %s %s\n", (unsigned long long)g.count.any, kind, what.c_str());
        std::fflush(g_trace);
    }
    const std::string k = kind;
    uint64_t kc = 0;
    if (k == "write")
        kc = ++g.count.write;
    else if (k == "fsync")
        kc = ++g.count.fsync;
    else if (k == "dirsync")
        kc = ++g.count.dirsync;
    else if (k == "ns")
        kc = ++g.count.ns;
    if (g.armKind.empty() || g.cut)
        return;
    uint64_t c = 0;
    if (g.armKind == "any")
        c = g.count.any;
    else if (g.armKind == "sync")
        c = g.count.fsync + g.count.dirsync;
    else if (g.armKind == k)
        c = kc;
    else
        return;
    if (c >= g.armAt)
        cutPower();
}

// ---- control file ----

std::string statusText()
{
    std::ostringstream s;
    s << "cut " << (g.cut ? 1 : 0) << "\n"
      << "any " << g.count.any << "\nwrite " << g.count.write << "\nfsync " << g.count.fsync << "\ndirsync "
      << g.count.dirsync << "\nns " << g.count.ns << "\nmode " << (g.cacheMode ? "cache" : "strict") << "\nevent "
      << g.lastEvent << "\n";
    return s.str();
}

void control(const std::string &text)
{
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream l(line);
        std::string cmd;
        l >> cmd;
        if (cmd == "cut") {
            if (!g.cut)
                cutPower();
        } else if (cmd == "arm") {
            std::string kind;
            uint64_t n = 0;
            l >> kind >> n;
            g.count = Counters{};
            if (g_trace)
                g_trace = std::freopen(g_tracePath.c_str(), "w", g_trace);
            g.armKind = kind;
            g.armAt = n;
        } else if (cmd == "mode") {
            std::string m;
            l >> m;
            g.cacheMode = m == "cache";
            if (g.cacheMode)
                l >> g.seed;
        } else if (cmd == "reveal") {
            reveal();
        } else if (cmd == "syncall") {
            syncAll();
        } else if (cmd == "slow") {
            l >> g.slowMs;
        } else if (cmd == "reset") {
            g.count = Counters{};
            g.armKind.clear();
            g.slowMs = 0;
            if (g_trace)
                g_trace = std::freopen(g_tracePath.c_str(), "w", g_trace);
        }
    }
}

// `slow MS`: the sync takes its time before it is done (single-threaded:
// the writer's next operations wait behind it, as on a busy disk).
void slowDisk()
{
    if (g.slowMs == 0)
        return;
    timespec t{time_t(g.slowMs / 1000), long(g.slowMs % 1000) * 1000000L};
    while (nanosleep(&t, &t) != 0 && errno == EINTR) {
    }
}

bool isControl(const char *path) { return path && std::strcmp(path, kControl) == 0; }

// ---- FUSE operations ----

void fillStat(const Inode &n, struct stat *st)
{
    std::memset(st, 0, sizeof(*st));
    st->st_ino = n.id;
    st->st_mode = n.mode;
    st->st_nlink = n.dir ? 2 : linkCount(n.id);
    st->st_size = n.dir ? 0 : off_t(n.cur.size());
    st->st_blocks = (st->st_size + 511) / 512;
    st->st_blksize = 4096;
    st->st_mtim = st->st_ctim = st->st_atim = n.mtime;
    st->st_uid = getuid();
    st->st_gid = getgid();
}

int opGetattr(const char *path, struct stat *st, fuse_file_info *fi)
{
    if (isControl(path)) {
        std::memset(st, 0, sizeof(*st));
        st->st_mode = S_IFREG | 0600;
        st->st_nlink = 1;
        return 0;
    }
    auto n = fromFi(path, fi);
    if (!n)
        return -ENOENT;
    fillStat(*n, st);
    return 0;
}

int opReaddir(const char *path, void *buf, fuse_fill_dir_t fill, off_t, fuse_file_info *fi, fuse_readdir_flags)
{
    auto d = fromFi(path, fi);
    if (!d || !d->dir)
        return -ENOTDIR;
    fill(buf, ".", nullptr, 0, FUSE_FILL_DIR_PLUS);
    fill(buf, "..", nullptr, 0, FUSE_FILL_DIR_PLUS);
    for (auto &e : d->ents) {
        struct stat st;
        auto n = get(e.second);
        if (!n)
            continue;
        fillStat(*n, &st);
        fill(buf, e.first.c_str(), &st, 0, FUSE_FILL_DIR_PLUS);
    }
    return 0;
}

int opOpendir(const char *path, fuse_file_info *fi)
{
    auto d = lookup(path);
    if (!d)
        return -ENOENT;
    if (!d->dir)
        return -ENOTDIR;
    fi->fh = d->id;
    return 0;
}

int opFsyncdir(const char *path, int, fuse_file_info *fi)
{
    if (g.cut)
        return -EIO;
    auto d = fromFi(path, fi);
    if (!d || !d->dir)
        return -ENOENT;
    slowDisk();
    d->durEnts = d->ents;
    d->dpending.clear();
    counted("dirsync", "fsync folder " + d->name);
    return 0;
}

int opMkdir(const char *path, mode_t mode)
{
    if (g.cut)
        return -EIO;
    std::string name;
    auto p = parentOf(path, &name);
    if (!p)
        return -ENOENT;
    if (p->ents.count(name))
        return -EEXIST;
    auto d = newInode(true, S_IFDIR | (mode & 07777));
    d->name = path;
    dirChange(p, {{name, d->id}}, ++g.dirSeq);
    counted("ns", std::string("mkdir ") + path);
    return 0;
}

int removeName(const char *path, bool wantDir)
{
    if (g.cut)
        return -EIO;
    std::string name;
    auto p = parentOf(path, &name);
    if (!p)
        return -ENOENT;
    auto it = p->ents.find(name);
    if (it == p->ents.end())
        return -ENOENT;
    auto n = get(it->second);
    if (n && n->dir != wantDir)
        return wantDir ? -ENOTDIR : -EISDIR;
    if (n && n->dir && !n->ents.empty())
        return -ENOTEMPTY;
    dirChange(p, {{name, 0}}, ++g.dirSeq);
    counted("ns", std::string(wantDir ? "rmdir " : "unlink ") + path);
    // The inode stays while open or durable somewhere; it is dropped at a reveal.
    return 0;
}

int opUnlink(const char *path) { return removeName(path, false); }
int opRmdir(const char *path) { return removeName(path, true); }

int opRename(const char *from, const char *to, unsigned int flags)
{
    if (g.cut)
        return -EIO;
    if (flags & RENAME_EXCHANGE)
        return -EINVAL;
    std::string a, b;
    auto pa = parentOf(from, &a);
    auto pb = parentOf(to, &b);
    if (!pa || !pb)
        return -ENOENT;
    auto it = pa->ents.find(a);
    if (it == pa->ents.end())
        return -ENOENT;
    const uint64_t id = it->second;
    auto old = pb->ents.find(b);
    if (old != pb->ents.end()) {
        if (flags & RENAME_NOREPLACE)
            return -EEXIST;
        auto o = get(old->second);
        if (o && o->dir && !o->ents.empty())
            return -ENOTEMPTY;
    }
    // One atomic journal entry, even across two folders.
    const uint64_t seq = ++g.dirSeq;
    if (pa == pb) {
        dirChange(pa, {{a, 0}, {b, id}}, seq);
    } else {
        dirChange(pb, {{b, id}}, seq);
        dirChange(pa, {{a, 0}}, seq);
    }
    counted("ns", std::string("rename ") + from + " " + to);
    return 0;
}

int opLink(const char *from, const char *to)
{
    if (g.cut)
        return -EIO;
    auto n = lookup(from);
    if (!n)
        return -ENOENT;
    if (n->dir)
        return -EPERM;
    std::string name;
    auto p = parentOf(to, &name);
    if (!p)
        return -ENOENT;
    if (p->ents.count(name))
        return -EEXIST;
    dirChange(p, {{name, n->id}}, ++g.dirSeq);
    counted("ns", std::string("link ") + from + " " + to);
    return 0;
}

int opCreate(const char *path, mode_t mode, fuse_file_info *fi)
{
    if (isControl(path)) {
        fi->fh = kControlFh;
        fi->direct_io = 1;
        return 0;
    }
    if (g.cut)
        return -EIO;
    std::string name;
    auto p = parentOf(path, &name);
    if (!p)
        return -ENOENT;
    auto it = p->ents.find(name);
    if (it != p->ents.end()) {
        if (fi->flags & O_EXCL)
            return -EEXIST;
        auto n = get(it->second);
        if (!n || n->dir)
            return -EISDIR;
        if (fi->flags & O_TRUNC) {
            fileChange(n, FileOp{FileOp::Truncate, 0, {}});
            counted("write", std::string("truncate 0 ") + path);
        }
        fi->fh = n->id;
        return 0;
    }
    auto n = newInode(false, S_IFREG | (mode & 07777));
    n->name = path;
    dirChange(p, {{name, n->id}}, ++g.dirSeq);
    counted("ns", std::string("create ") + path);
    fi->fh = n->id;
    return 0;
}

int opOpen(const char *path, fuse_file_info *fi)
{
    if (isControl(path)) {
        fi->fh = kControlFh;
        fi->direct_io = 1;
        return 0;
    }
    auto n = lookup(path);
    if (!n)
        return -ENOENT;
    if (n->dir)
        return -EISDIR;
    if ((fi->flags & O_ACCMODE) != O_RDONLY && g.cut)
        return -EIO;
    if ((fi->flags & O_TRUNC) && (fi->flags & O_ACCMODE) != O_RDONLY) {
        fileChange(n, FileOp{FileOp::Truncate, 0, {}});
        counted("write", std::string("truncate 0 ") + path);
    }
    fi->fh = n->id;
    return 0;
}

int opRead(const char *path, char *buf, size_t size, off_t off, fuse_file_info *fi)
{
    if (fi && fi->fh == kControlFh) {
        const std::string s = statusText();
        if (size_t(off) >= s.size())
            return 0;
        const size_t n = std::min(size, s.size() - size_t(off));
        std::memcpy(buf, s.data() + off, n);
        return int(n);
    }
    auto n = fromFi(path, fi);
    if (!n)
        return -ENOENT;
    if (size_t(off) >= n->cur.size())
        return 0;
    const size_t k = std::min(size, n->cur.size() - size_t(off));
    std::memcpy(buf, n->cur.data() + off, k);
    return int(k);
}

int opWrite(const char *path, const char *buf, size_t size, off_t off, fuse_file_info *fi)
{
    if (fi && fi->fh == kControlFh) {
        control(std::string(buf, size));
        return int(size);
    }
    if (g.cut)
        return -EIO;
    auto n = fromFi(path, fi);
    if (!n)
        return -ENOENT;
    fileChange(n, FileOp{FileOp::Write, off, std::string(buf, size)});
    counted("write", "write " + n->name + " @" + std::to_string(off) + " +" + std::to_string(size));
    return int(size);
}

int opTruncate(const char *path, off_t size, fuse_file_info *fi)
{
    if (isControl(path) || (fi && fi->fh == kControlFh))
        return 0;
    if (g.cut)
        return -EIO;
    auto n = fromFi(path, fi);
    if (!n)
        return -ENOENT;
    if (n->dir)
        return -EISDIR;
    fileChange(n, FileOp{FileOp::Truncate, size, {}});
    counted("write", "truncate " + std::to_string(size) + " " + n->name);
    return 0;
}

int opFsync(const char *path, int, fuse_file_info *fi)
{
    if (fi && fi->fh == kControlFh)
        return 0;
    if (g.cut)
        return -EIO;
    auto n = fromFi(path, fi);
    if (!n)
        return -ENOENT;
    slowDisk();
    n->dur = n->cur;
    n->pending.clear();
    counted("fsync", "fsync " + n->name);
    return 0;
}

int opUtimens(const char *path, const timespec tv[2], fuse_file_info *fi)
{
    if (isControl(path))
        return 0;
    if (g.cut)
        return -EIO;
    auto n = fromFi(path, fi);
    if (!n)
        return -ENOENT;
    if (tv && tv[1].tv_nsec != UTIME_OMIT)
        n->mtime = tv[1].tv_nsec == UTIME_NOW ? now() : tv[1];
    return 0;
}

int opChmod(const char *path, mode_t mode, fuse_file_info *fi)
{
    if (g.cut)
        return -EIO;
    auto n = fromFi(path, fi);
    if (!n)
        return -ENOENT;
    n->mode = (n->mode & S_IFMT) | (mode & 07777);
    return 0;
}

int opChown(const char *, uid_t, gid_t, fuse_file_info *) { return g.cut ? -EIO : 0; }

int opStatfs(const char *, struct statvfs *st)
{
    std::memset(st, 0, sizeof(*st));
    st->f_bsize = st->f_frsize = 4096;
    st->f_blocks = st->f_bfree = st->f_bavail = (8ULL << 30) / 4096;
    st->f_files = st->f_ffree = 1 << 20;
    st->f_namemax = 255;
    return 0;
}

int opRelease(const char *, fuse_file_info *) { return 0; }
int opFlush(const char *, fuse_file_info *) { return 0; }
int opReleasedir(const char *, fuse_file_info *) { return 0; }

void *opInit(fuse_conn_info *, fuse_config *cfg)
{
    // Every lookup and attribute comes fresh: a reveal must be seen at once.
    cfg->entry_timeout = 0;
    cfg->attr_timeout = 0;
    cfg->negative_timeout = 0;
    cfg->use_ino = 1;
    cfg->hard_remove = 1;
    cfg->nullpath_ok = 1;
    cfg->kernel_cache = 0;
    return nullptr;
}

} // namespace

int main(int argc, char *argv[])
{
    auto root = std::make_shared<Inode>();
    root->id = kRoot;
    root->dir = true;
    root->mode = S_IFDIR | 0755;
    root->name = "/";
    if (const char *t = std::getenv("PCFS_TRACE")) {
        g_tracePath = t;
        g_trace = std::fopen(t, "w");
    }
    root->mtime = now();
    g.inodes[kRoot] = root;

    // If the harness dies, unmount rather than leave a dead mount behind.
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    fuse_operations ops{};
    ops.getattr = opGetattr;
    ops.readdir = opReaddir;
    ops.opendir = opOpendir;
    ops.releasedir = opReleasedir;
    ops.fsyncdir = opFsyncdir;
    ops.mkdir = opMkdir;
    ops.unlink = opUnlink;
    ops.rmdir = opRmdir;
    ops.rename = opRename;
    ops.link = opLink;
    ops.create = opCreate;
    ops.open = opOpen;
    ops.read = opRead;
    ops.write = opWrite;
    ops.truncate = opTruncate;
    ops.fsync = opFsync;
    ops.flush = opFlush;
    ops.release = opRelease;
    ops.utimens = opUtimens;
    ops.chmod = opChmod;
    ops.chown = opChown;
    ops.statfs = opStatfs;
    ops.init = opInit;
    return fuse_main(argc, argv, &ops, nullptr);
}
