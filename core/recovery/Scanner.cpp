#include "core/recovery/Scanner.h"

#include "core/io/Paths.h"
#include "core/mp4/Sidecar.h"

#include "core/recovery/Classifier.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMetaObject>

#include <filesystem>
#include <system_error>

namespace tapedeck::recovery {

namespace fs = std::filesystem;

QStringList collectFiles(const ScanParams &params, QStringList *errors, const std::atomic_bool *cancel)
{
    QStringList out;
    for (const QString &p : params.paths) {
        // Names are bytes: encodePath/decodePath keep those that are not
        // valid UTF-8 (QFile::encodeName would turn them into U+FFFD).
        const QString abs = QFileInfo(p).absoluteFilePath();
        const fs::path root(encodePath(abs).toStdString());
        std::error_code ec;
        const fs::file_status lst = fs::symlink_status(root, ec);
        if (ec || !fs::exists(lst)) {
            if (errors)
                *errors << QStringLiteral("%1: no such file or folder").arg(displayPath(p));
            continue;
        }
        const fs::file_status st = fs::is_symlink(lst) ? fs::status(root, ec) : lst;
        if (fs::is_regular_file(lst)) {
            out << abs;
            // One member of a sidecar set (the start-up notice names only
            // NAME.mp4.info; a file manager lets a user drop any one file)
            // brings the others, or a rebuild would leave them behind.
            if (mp4::isSidecarPath(abs)) {
                const QString final = mp4::finalPathForSidecar(abs);
                const QString dir = QFileInfo(abs).absolutePath();
                for (const DirEntry &e : listDirectory(dir)) {
                    const QString member = dir + QLatin1Char('/') + e.name;
                    if (e.regular && mp4::finalPathForSidecar(member) == final)
                        out << member;
                }
            }
            continue;
        }
        if (!fs::is_directory(st)) {
            // A FIFO, device or socket is never opened (a FIFO would block
            // the scan), and a link to a file is not followed: recovery
            // renames and removes what it rebuilds.
            if (errors)
                *errors << QStringLiteral("%1 is %2: only regular files are recovered%3")
                               .arg(displayPath(p), describeSpecialFile(abs),
                                    fs::is_symlink(lst) && fs::is_regular_file(st)
                                        ? QStringLiteral(" (give the file the link points to)")
                                        : QString());
            continue;
        }
        fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
        if (ec) {
            if (errors)
                *errors << QStringLiteral("%1: %2").arg(p, QString::fromLocal8Bit(ec.message().c_str()));
            continue;
        }
        for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (ec) {
                if (errors)
                    *errors << QStringLiteral("%1: %2").arg(p, QString::fromLocal8Bit(ec.message().c_str()));
                break;
            }
            if (cancel && cancel->load(std::memory_order_relaxed))
                return out;
            std::error_code ec2;
            if (it->is_directory(ec2) && !it->is_symlink(ec2) && it.depth() >= params.maxDepth)
                it.disable_recursion_pending();
            // Symlinked files are skipped too: recovery renames and deletes, and
            // must only ever do that to the files it was pointed at.
            if (it->is_symlink(ec2) || !it->is_regular_file(ec2))
                continue;
            out << decodePath(QByteArray::fromStdString(it->path().string()));
        }
    }
    out.sort();
    out.removeDuplicates();
    return out;
}

ScanResult scanPaths(const ScanParams &params, const std::atomic_bool *cancel,
                     const std::function<void(qint64, qint64)> &progress)
{
    QStringList errors;
    const QStringList files = collectFiles(params, &errors, cancel);
    ScanResult r = classifyFiles(files, cancel, progress);
    r.errors = errors + r.errors;
    return r;
}

Scanner::Scanner(QObject *parent) : QObject(parent) { qRegisterMetaType<tapedeck::recovery::ScanResult>(); }

Scanner::~Scanner()
{
    cancel();
    if (m_thread.joinable())
        m_thread.join();
}

void Scanner::start(const ScanParams &params)
{
    if (m_running.exchange(true))
        return;
    if (m_thread.joinable())
        m_thread.join();
    m_cancel = false;
    m_thread = std::thread([this, params] {
        ScanResult r = scanPaths(params, &m_cancel, [this](qint64 done, qint64 total) {
            // Queued: the receiver lives on another thread.
            QMetaObject::invokeMethod(
                this, [this, done, total] { emit progress(done, total); }, Qt::QueuedConnection);
        });
        QMetaObject::invokeMethod(
            this,
            [this, r = std::move(r)] {
                m_running = false;
                emit finished(r);
            },
            Qt::QueuedConnection);
    });
}

void Scanner::cancel() { m_cancel = true; }

} // namespace tapedeck::recovery
