#pragma once

// The answers of several deployments to one request, side by side: one column per
// deployment, one row per value (HTTP status, latency, then every leaf of the JSON
// answer by its path: "[0]", "predictions[1]", "scores.mean"). A number that differs from
// the first deployment's (the baseline) is highlighted and shows the difference.

#include "apireply.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QJsonValue>

class CompareModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompareModel)
public:
    enum Role {
        DiffersRole = Qt::UserRole, // bool: this cell's value differs from the baseline's
        DifferenceRole, // double: value - baseline, for numbers that differ; else invalid
        ValueRole, // the value as JSON (QJsonValue), or the status / latency number
        PathRole, // the row's path, e.g. "[1]"
    };

    struct Answer
    {
        QString deployment;
        ApiResult result;
    };

    explicit CompareModel(QObject *parent = nullptr);

    void setAnswers(const QList<Answer> &answers);
    void clear();
    const QList<Answer> &answers() const { return m_answers; }
    int differingCount() const; // rows of answer values (not status or latency) that differ
    int valueRowCount() const { return int(m_rows.size()); }
    int rowOfPath(const QString &path) const; // -1 when absent
    void setHighlight(const QColor &color); // follows the palette; the widget sets it

    // "[0]" -> 11055.97, "a.b[2]" -> ..., a scalar answer has the path "" (shown as "value").
    static QList<QPair<QString, QJsonValue>> flatten(const QByteArray &body, bool *isJson);
    static QString formatNumber(double value);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    enum FixedRow { StatusRow, LatencyRow, FixedRowCount };

    struct Row
    {
        QString path;
        QList<std::optional<QJsonValue>> values; // one per answer; nullopt when absent there
        bool differs = false;
    };

    void build();
    QVariant fixedData(int row, int column, int role) const;
    QVariant valueData(const Row &row, int column, int role) const;
    std::optional<double> difference(const Row &row, int column) const;

    QList<Answer> m_answers;
    QList<Row> m_rows;
    QColor m_highlight;
};
