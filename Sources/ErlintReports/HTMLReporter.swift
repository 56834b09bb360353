import Dispatch
import Foundation
import ErlintModel

/// One self-contained HTML page for security reviewers: a summary per customer and severity, the
/// findings (sortable, filterable by customer, rule, severity and text) with evidence, place and
/// fix, and a topology picture per customer with broken things marked. Inline CSS, JS and SVG,
/// no external resource; every string from an input is escaped. Pure: report in, bytes out.
public enum HTMLReporter {
    public static func render(_ report: AuditReport) -> String {
        var page = ""
        write(report) { page += $0 }
        return page
    }

    /// The same, handed out in pieces of at most about 64 KB (or one customer's picture): the
    /// page of a large estate (66 MB for 10,000 customers) is then never whole in memory, nor
    /// are its findings' rows or its pictures all at once.
    public static func write(_ report: AuditReport, to emit: (String) -> Void) {
        var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<title>erlint audit</title>\n<style>\n\(css)</style>\n</head>\n<body>\n"
        h += "<header><h1>ExpressRoute estate audit</h1><p>erlint \(e(report.toolVersion))"
        if let t = report.timestamp { h += " · \(e(AuditReport.iso8601(t)))" }
        h += " · \(report.files) files, \(report.resources) resources, \(report.routers) router configs, \(report.rules.count) rules</p></header>\n"
        emit(h)
        emit(summary(report))
        emit(problems(report))
        findings(report, to: emit)
        topologies(report, to: emit)
        emit("<script>\n\(script)</script>\n</body>\n</html>\n")
    }

    /// How much text a piece gathers before it is handed out.
    static let pieceBytes = 1 << 16

    // MARK: Sections

    static func label(_ customer: String?, _ report: AuditReport) -> String {
        guard let customer, !customer.isEmpty else { return "CSP and unclaimed" }
        return report.customer(customer).map { "\($0.id) (\($0.name))" } ?? customer
    }

    /// One row per customer, from one pass over findings and checked subjects (per customer it
    /// would be quadratic in an estate of 10,000 customers).
    static func summary(_ report: AuditReport) -> String {
        var h = "<section id=\"summary\"><h2>Summary</h2>\n<table class=\"summary\"><thead><tr><th>Customer</th><th>Posture</th>"
            + "<th>Errors</th><th>Warnings</th><th>Notes</th><th>Inconclusive</th><th>Checks passed</th></tr></thead><tbody>\n"
        struct Row { var errors = 0, warnings = 0, notes = 0, inconclusive = 0, passed = 0 }
        var rows: [String: Row] = [:]
        // Folded subjects with a live finding, by rule and customer (`rule|customer`).
        var failing: [String: Set<String>] = [:]
        for (f, t) in zip(report.findings, report.triage) where t.suppression == nil {
            let k = f.customer ?? ""
            failing[f.ruleID + "|" + k, default: []].insert(f.subject.caseFolded)
            if f.status == .inconclusive { rows[k, default: Row()].inconclusive += 1; continue }
            switch f.severity {
            case .error: rows[k, default: Row()].errors += 1
            case .warning: rows[k, default: Row()].warnings += 1
            case .note: rows[k, default: Row()].notes += 1
            }
        }
        // Counted, not collected: a set of every subject checked would hold millions of strings
        // for 10,000 customers. Each rule's subjects come sorted (case-folded subject, then
        // customer) within a batch, and a customer's are all in one batch, so a repeat is the
        // one just seen. They come in runs of one customer too: a run's count and its findings
        // are looked up once, not once per subject (ten million of them at 10,000 customers).
        // The subjects are gone over as bytes: a folded string is made only for a subject whose
        // customer has findings of the rule, or that is not ASCII.
        for (rule, subjects) in report.checked {
            let customers = subjects.customerTable
            var previous: [UInt8] = [], previousASCII = true, previousPlace = -1
            var run: (customer: String?, passed: Int, failing: Set<String>?)?
            func flush() {
                if let run, run.passed > 0 { rows[run.customer ?? "", default: Row()].passed += run.passed }
            }
            subjects.forEachSubject { subject, place in
                let sameCustomer = previousPlace >= 0 && (place == previousPlace || customers[place] == customers[previousPlace])
                if run == nil || (!sameCustomer && run!.customer != customers[place]) {
                    flush()
                    run = (customers[place], 0, failing[rule + "|" + (customers[place] ?? "")])
                }
                let ascii = FoldedBytes.isASCII(subject)
                let repeated = sameCustomer && previous.withUnsafeBufferPointer { p in
                    ascii && previousASCII ? FoldedBytes.equalASCII(p, subject)
                        : String(decoding: p, as: UTF8.self).caseFolded == String(decoding: subject, as: UTF8.self).caseFolded
                }
                previous.removeAll(keepingCapacity: true)
                previous.append(contentsOf: subject)
                previousASCII = ascii
                previousPlace = place
                if repeated { return }
                if let failing = run!.failing, failing.contains(String(decoding: subject, as: UTF8.self).caseFolded) { return }
                run!.passed += 1
            }
            flush()
        }
        var keys = report.customers.map(\.id)
        if report.findings.contains(where: { $0.customer == nil }) { keys.append("") }
        for k in keys {
            let row = rows[k] ?? Row()
            let posture = report.customer(k)?.resolvedPosture.name ?? "baseline"
            h += "<tr><td>\(e(label(k, report)))</td><td>\(e(posture))</td>"
                + "<td class=\"n\(row.errors > 0 ? " error" : "")\">\(row.errors)</td>"
                + "<td class=\"n\(row.warnings > 0 ? " warning" : "")\">\(row.warnings)</td>"
                + "<td class=\"n\">\(row.notes)</td><td class=\"n\">\(row.inconclusive)</td>"
                + "<td class=\"n\">\(row.passed)</td></tr>\n"
        }
        return h + "</tbody></table></section>\n"
    }

    static func problems(_ report: AuditReport) -> String {
        let shown = report.diagnostics.filter { $0.severity != .note }
        guard !shown.isEmpty else { return "" }
        var h = "<section id=\"input\"><h2>Input that could not be read fully</h2><ul class=\"problems\">\n"
        for d in shown {
            h += "<li class=\"\(d.severity.rawValue)\"><code>\(e(place(d.location, report)))</code> \(e(d.severity.rawValue)): \(e(d.message))</li>\n"
        }
        return h + "</ul></section>\n"
    }

    static func findings(_ report: AuditReport, to emit: (String) -> Void) {
        var h = "<section id=\"findings\"><h2>Findings</h2>\n<div class=\"filters\">"
        h += select("customer", "All customers", Array(Set(report.findings.map { label($0.customer, report) })).sorted())
        h += select("rule", "All rules", Array(Set(report.findings.map { $0.ruleID })).sorted())
        h += select("severity", "All severities", ["error", "warning", "note", "inconclusive", "suppressed"])
        h += "<input id=\"filter-text\" type=\"search\" placeholder=\"Filter text…\" aria-label=\"Filter text\">"
        h += "<span id=\"shown\"></span></div>\n"
        h += "<table id=\"finding-table\"><thead><tr><th data-key=\"severity\">Severity</th><th data-key=\"rule\">Rule</th>"
            + "<th data-key=\"customer\">Customer</th><th data-key=\"subject\">Resource</th><th>Evidence and fix</th></tr></thead><tbody>\n"
        for (f, t) in zip(report.findings, report.triage) {
            let severity = t.suppression != nil ? "suppressed" : f.status == .inconclusive ? "inconclusive" : f.severity.rawValue
            let rank = t.suppression != nil ? 4 : f.status == .inconclusive ? 3 : f.severity == .error ? 0 : f.severity == .warning ? 1 : 2
            let rule = report.rule(f.ruleID)
            let customer = label(f.customer, report)
            h += "<tr data-customer=\"\(e(customer))\" data-rule=\"\(e(f.ruleID))\" data-severity=\"\(severity)\">"
            h += "<td data-sort=\"\(rank)\"><span class=\"badge \(severity)\">\(severity)</span>"
                + (t.baseline.map { "<br><span class=\"state \($0.rawValue)\">\($0.rawValue)</span>" } ?? "") + "</td>"
            h += "<td data-sort=\"\(e(f.ruleID))\"><b>\(e(f.ruleID))</b><br><span class=\"muted\">\(e(rule?.name ?? ""))</span></td>"
            h += "<td>\(e(customer))</td>"
            h += "<td data-sort=\"\(e(f.subject.caseFolded))\"><code>\(e(AuditTextReporter.shortSubject(f.subject)))</code>"
            if let l = f.location { h += "<br><span class=\"where\">\(e(place(l, report)))</span>" }
            h += "</td><td><p>\(e(f.message))</p>"
            if !f.related.isEmpty {
                h += "<ul class=\"related\">" + f.related.map { "<li>\(e($0.message)): <span class=\"where\">\(e(place($0.location, report)))</span></li>" }.joined() + "</ul>"
            }
            if let sup = t.suppression {
                h += "<p class=\"muted\">Suppressed" + (sup.expires.map { " until \(e($0))" } ?? "") + ": \(e(sup.justification)) "
                    + "<span class=\"where\">\(e(place(sup.location, report)))</span></p>"
            }
            if f.status == .violation { h += "<details><summary>Fix</summary><p>\(e(f.fix))</p>" + why(rule) + "</details>" }
            h += "</td></tr>\n"
            if h.utf8.count >= pieceBytes {
                emit(h)
                h = ""
            }
        }
        if report.findings.isEmpty { h += "<tr><td colspan=\"5\">No findings: every check passed.</td></tr>\n" }
        h += "</tbody></table>\n"
        if !report.absent.isEmpty {
            h += "<h3>Gone since the baseline</h3><ul>" + report.absent.map {
                "<li><b>\(e($0.ruleID))</b> <code>\(e(AuditTextReporter.shortSubject($0.subject ?? "")))</code>: \(e($0.message))</li>"
            }.joined() + "</ul>\n"
        }
        emit(h + "</section>\n")
    }

    static func why(_ rule: RuleEntry?) -> String {
        guard let rule else { return "" }
        var h = "<p class=\"muted\">Why: \(e(rule.rationale))</p>"
        if !rule.references.isEmpty {
            // References are shown as text, not links: the page loads and links nothing outside itself.
            h += "<p class=\"muted\">References: " + rule.references.map { "<code>\(e($0))</code>" }.joined(separator: " ") + "</p>"
        }
        return h
    }

    static func select(_ key: String, _ all: String, _ values: [String]) -> String {
        "<select id=\"filter-\(key)\" aria-label=\"\(all)\"><option value=\"\">\(all)</option>"
            + values.map { "<option value=\"\(e($0))\">\(e($0))</option>" }.joined() + "</select>"
    }

    static func place(_ l: SourceLocation, _ report: AuditReport) -> String {
        let rel = report.relativePath(l.file).path
        return l.line > 0 ? "\(rel):\(l.line):\(l.column)" : rel
    }

    // MARK: Topology

    static func topologies(_ report: AuditReport, to emit: (String) -> Void) {
        guard !report.topology.isEmpty else { return }
        // Every violated subject and each of its parents (`…/circuits/c1/peerings/p` marks `…/circuits/c1`).
        var broken = Set<String>()
        for (f, t) in zip(report.findings, report.triage) where f.status == .violation && t.suppression == nil {
            var path = f.subject.caseFolded
            while broken.insert(path).inserted, let slash = path.lastIndex(of: "/") { path = String(path[..<slash]) }
        }
        emit("<section id=\"topology\"><h2>Topology</h2><p class=\"muted\">Routers, circuits with their primary and secondary links, "
            + "ExpressRoute gateways, VNets and firewalls. Red: something there breaks a rule; a dashed link has no BGP session in any router config.</p>\n")
        // The pictures are drawn in chunks on all cores and handed out in order: at 10,000
        // customers they are most of the page, and drawn one after another they were the run's
        // last second. A few chunks per core are drawn at a time, so that the pictures are
        // never all in memory (they were 40 MB of the page at 10,000 customers).
        let pictures = report.topology
        let chunk = 64
        let chunks = (pictures.count + chunk - 1) / chunk
        let wave = 4 * max(1, ProcessInfo.processInfo.activeProcessorCount)
        let marked = broken
        for first in stride(from: 0, to: chunks, by: wave) {
            let count = min(wave, chunks - first)
            let parts = ResultSlots<String>(count: count)
            DispatchQueue.concurrentPerform(iterations: count) { k in
                var out = ""
                let from = (first + k) * chunk
                for t in pictures[from..<min(pictures.count, from + chunk)] {
                    out += "<figure><figcaption>\(e(label(t.customer.isEmpty ? nil : t.customer, report)))</figcaption>\n" + svg(t, marked) + "</figure>\n"
                }
                parts.set(k, out)
            }
            for part in parts.values { emit(part) }
        }
        emit("</section>\n")
    }

    static func svg(_ t: CustomerTopology, _ broken: Set<String>) -> String {
        let columns: [[CustomerTopology.Box]] = [t.routers, t.circuits, t.gateways, t.networks, t.firewalls]
        let titles = ["Routers", "Circuits", "Gateways", "VNets", "Firewalls"]
        let boxW = 190, boxH = 46, gapY = 22, colW = 250, top = 40
        let rows = max(columns.map(\.count).max() ?? 0, 1)
        let width = colW * columns.count, height = top + rows * (boxH + gapY) + 10
        var center: [String: (x: Int, y: Int)] = [:]
        // Appended piece by piece to one string: a chain of `+` made a string for each step, for
        // every box of every customer's picture.
        var boxes = ""
        boxes.reserveCapacity(columns.reduce(0) { $0 + $1.count } * 420 + 200)
        for (c, column) in columns.enumerated() {
            boxes += "<text class=\"col\" x=\"\(c * colW + 10)\" y=\"20\">\(titles[c])</text>"
            for (r, b) in column.enumerated() {
                let x = c * colW + 10, y = top + r * (boxH + gapY)
                let folded = b.subject.caseFolded
                center[folded] = (x, y + boxH / 2)
                let bad = broken.contains(folded)
                boxes += bad ? "<g class=\"box bad\"><title>" : "<g class=\"box\"><title>"
                boxes += e(b.subject)
                boxes += "</title><rect x=\"\(x)\" y=\"\(y)\" width=\"\(boxW)\" height=\"\(boxH)\" rx=\"6\"/>"
                boxes += "<text x=\"\(x + 8)\" y=\"\(y + 19)\" class=\"name\">"
                boxes += e(clip(b.name, 26))
                boxes += bad ? " ⚠</text>" : "</text>"
                boxes += "<text x=\"\(x + 8)\" y=\"\(y + 36)\" class=\"detail\">"
                boxes += e(clip(b.detail, 30))
                boxes += "</text></g>"
            }
        }
        func right(_ s: String) -> (Int, Int)? { center[s.caseFolded].map { ($0.x + boxW, $0.y) } }
        func left(_ s: String) -> (Int, Int)? { center[s.caseFolded].map { ($0.x, $0.y) } }
        var lines = ""
        for link in t.links {
            guard let to = left(link.circuit) else { continue }
            let routers = link.routers.compactMap { name in t.routers.first { $0.name == name } }
            let dy = link.side.hasPrefix("primary") ? -8 : 8
            if routers.isEmpty {
                lines += "<g class=\"link missing\"><title>\(e("\(link.peering) \(link.side) \(link.prefix): no BGP session"))</title>"
                    + "<line x1=\"\(to.0 - 50)\" y1=\"\(to.1 + dy)\" x2=\"\(to.0)\" y2=\"\(to.1 + dy)\"/></g>"
            }
            for r in routers {
                guard let from = right(r.subject) else { continue }
                lines += "<g class=\"link \(link.side.hasPrefix("primary") ? "primary" : "secondary")\"><title>\(e("\(link.peering) \(link.side) \(link.prefix) on \(r.name)"))</title>"
                    + "<line x1=\"\(from.0)\" y1=\"\(from.1)\" x2=\"\(to.0)\" y2=\"\(to.1 + dy)\"/></g>"
            }
        }
        for (gateway, circuits) in t.connections.sorted(by: { $0.key < $1.key }) {
            for c in circuits { if let a = right(c), let b = left(gateway) { lines += line(a, b, "connection") } }
        }
        for (vnet, gateways) in t.gatewaysIn.sorted(by: { $0.key < $1.key }) {
            for g in gateways { if let a = right(g), let b = left(vnet) { lines += line(a, b, "contains") } }
        }
        for (vnet, peers) in t.peerings.sorted(by: { $0.key < $1.key }) {
            for p in peers where vnet.lowercased() < p.lowercased() {
                if let a = left(vnet), let b = left(p) { lines += "<path class=\"peering\" d=\"M\(a.0) \(a.1) C\(a.0 - 40) \(a.1) \(b.0 - 40) \(b.1) \(b.0) \(b.1)\"/>" }
            }
        }
        for (fw, vnet) in t.firewallIn.sorted(by: { $0.key < $1.key }) {
            if let a = right(vnet), let b = left(fw) { lines += line(a, b, "contains") }
        }
        var svg = "<svg role=\"img\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\">"
        svg.reserveCapacity(svg.utf8.count + lines.utf8.count + boxes.utf8.count + 8)
        svg += lines
        svg += boxes
        svg += "</svg>\n"
        return svg
    }

    static func line(_ a: (Int, Int), _ b: (Int, Int), _ cls: String) -> String {
        "<line class=\"\(cls)\" x1=\"\(a.0)\" y1=\"\(a.1)\" x2=\"\(b.0)\" y2=\"\(b.1)\"/>"
    }

    static func clip(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }

    /// Escapes text for HTML content and attribute values.
    public static func e(_ s: String) -> String { Markup.escape(s) }

    // MARK: Style and behaviour

    static let css = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
        header{background:#1f3b5c;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}header p{margin:4px 0 0;opacity:.85}
        section{background:#fff;margin:18px 28px;padding:14px 20px;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
        h2{font-size:17px;margin:4px 0 12px}table{border-collapse:collapse;width:100%}
        th,td{text-align:left;padding:7px 9px;border-bottom:1px solid #e4e7ec;vertical-align:top}
        th[data-key]{cursor:pointer;user-select:none}th[data-key]:after{content:" ↕";opacity:.4}
        td.n{text-align:right;font-variant-numeric:tabular-nums}td.error{color:#b42318;font-weight:600}td.warning{color:#b54708;font-weight:600}
        .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff}
        .badge.error{background:#b42318}.badge.warning{background:#dc6803}.badge.note{background:#667085}.badge.inconclusive{background:#7a5af8}.badge.suppressed{background:#98a2b3}
        .state{font-size:11px;color:#475467}.state.new{color:#b42318;font-weight:600}
        code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-all}
        .where{font:12px ui-monospace,Menlo,Consolas,monospace;color:#475467}.muted{color:#667085}
        .filters{display:flex;gap:8px;flex-wrap:wrap;margin-bottom:10px}.filters select,.filters input{padding:5px 8px;border:1px solid #d0d5dd;border-radius:6px}
        .filters input{flex:1;min-width:180px}#shown{align-self:center;color:#667085}
        ul.related{margin:4px 0;padding-left:18px}details summary{cursor:pointer;color:#1f3b5c}
        ul.problems li.error{color:#b42318}ul.problems li.warning{color:#b54708}
        figure{margin:10px 0 22px;overflow-x:auto}figcaption{font-weight:600;margin-bottom:6px}
        svg text{font:12px system-ui,sans-serif;fill:#1d2430}svg text.col{font-weight:600;fill:#475467}svg text.detail{fill:#667085;font-size:11px}
        svg .box rect{fill:#eef4fb;stroke:#1f3b5c;stroke-width:1.2}svg .box.bad rect{fill:#fef3f2;stroke:#d92d20;stroke-width:2.2}
        svg line,svg path{stroke:#98a2b3;stroke-width:1.4;fill:none}svg .link.primary line{stroke:#1f6feb;stroke-width:2}
        svg .link.secondary line{stroke:#0e9384;stroke-width:2}svg .link.missing line{stroke:#d92d20;stroke-width:2;stroke-dasharray:5 4}
        svg path.peering{stroke-dasharray:3 3}

        """

    static let script = """
        (function () {
          var table = document.getElementById('finding-table');
          if (!table) { return; }
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows).filter(function (r) { return r.dataset.rule; });
          var controls = ['customer', 'rule', 'severity'].map(function (k) { return document.getElementById('filter-' + k); });
          var text = document.getElementById('filter-text');
          var shown = document.getElementById('shown');
          function apply() {
            var needle = text.value.toLowerCase(), n = 0;
            rows.forEach(function (r) {
              var ok = controls.every(function (c) { return !c.value || r.dataset[c.id.slice(7)] === c.value; })
                && (!needle || r.textContent.toLowerCase().indexOf(needle) >= 0);
              r.style.display = ok ? '' : 'none';
              if (ok) { n += 1; }
            });
            shown.textContent = n + ' of ' + rows.length + ' findings';
          }
          controls.concat([text]).forEach(function (c) { c.addEventListener('input', apply); });
          var direction = {};
          Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
            if (!th.dataset.key) { return; }
            th.addEventListener('click', function () {
              var d = direction[i] = -(direction[i] || -1);
              rows.sort(function (a, b) {
                var x = a.cells[i].dataset.sort || a.cells[i].textContent, y = b.cells[i].dataset.sort || b.cells[i].textContent;
                return x < y ? -d : x > y ? d : 0;
              });
              rows.forEach(function (r) { body.appendChild(r); });
            });
          });
          apply();
        })();

        """
}
