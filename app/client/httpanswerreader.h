#pragma once

// An incremental reader of HTTP/1.1 answers for the load generator's raw sockets: status
// line, the few fields it needs, a body framed by Content-Length, chunked or the end of
// the connection (counted, not kept). Interim 1xx answers are skipped. No widgets, no I/O.

#include <QByteArray>

class HttpAnswerReader
{
public:
    enum class State { Incomplete, Complete, Bad };

    // Appends received bytes and parses as far as they go. Bytes after a complete answer
    // are kept for the next one (a server may send them early; we never pipeline).
    State feed(const QByteArray &data);
    // The peer closed the connection: completes a read-until-close body, else Bad when an
    // answer was under way.
    State finishOnClose();
    // Ready for the next answer on the same connection.
    void reset();

    bool inProgress() const { return m_stage != Stage::StatusLine || !m_buffer.isEmpty(); }
    int status() const { return m_status; }
    QByteArray servedBy() const { return m_servedBy; } // azureml-model-deployment
    bool keepAlive() const { return m_keepAlive; }
    qint64 bodyBytes() const { return m_bodyBytes; }
    QByteArray errorText() const { return m_error; }

private:
    enum class Stage { StatusLine, Fields, FixedBody, ChunkSize, ChunkData, ChunkEnd, Trailers, UntilClose, Done };

    State parse();
    State fail(const char *why);
    bool takeLine(QByteArray *line);
    bool fieldLine(const QByteArray &line);
    State startBody();

    QByteArray m_buffer;
    qsizetype m_pos = 0;
    Stage m_stage = Stage::StatusLine;
    int m_status = 0;
    QByteArray m_servedBy;
    bool m_keepAlive = true;
    bool m_chunked = false;
    qint64 m_contentLength = -1;
    qint64 m_remaining = 0;
    qint64 m_bodyBytes = 0;
    qsizetype m_headBytes = 0;
    QByteArray m_error;
};
