import { describe, expect, it } from "vitest";
import { CsvError, parseCsv, toCsv } from "./csv.js";

describe("parseCsv", () => {
  it("reads a header and rows, keyed by column, with the line each row starts on", () => {
    expect(parseCsv("a,b\n1,2\n3,4\n")).toEqual({
      header: ["a", "b"],
      rows: [
        { line: 2, cells: { a: "1", b: "2" }, width: 2 },
        { line: 3, cells: { a: "3", b: "4" }, width: 2 },
      ],
    });
  });

  it("reads quoted fields with commas and doubled quotes", () => {
    const { rows } = parseCsv('name,scope\n"上海市嘉定区""阳光""中心","养老, 助餐"\n');
    expect(rows[0]?.cells).toEqual({ name: '上海市嘉定区"阳光"中心', scope: "养老, 助餐" });
  });

  it("reads CRLF, LF and a last record without a line break alike", () => {
    const crlf = parseCsv("a,b\r\n1,2\r\n3,4");
    const lf = parseCsv("a,b\n1,2\n3,4\n");
    expect(crlf).toEqual(lf);
    expect(crlf.rows.map((r) => r.line)).toEqual([2, 3]);
  });

  it("drops a UTF-8 BOM before the first column name", () => {
    const { header, rows } = parseCsv("\uFEFFuscc,name\r\n51310114MJ4937A0,协会\r\n");
    expect(header).toEqual(["uscc", "name"]);
    expect(rows[0]?.cells.uscc).toBe("51310114MJ4937A0");
  });

  it("keeps line breaks inside quotes and counts them in the lines of later rows", () => {
    const text = 'a,b\r\n1,"one\r\ntwo\r\nthree"\r\n2,"x\ny"\n3,z\r\n';
    const { rows } = parseCsv(text);
    expect(rows.map((r) => [r.line, r.cells.b])).toEqual([
      [2, "one\r\ntwo\r\nthree"],
      [5, "x\ny"],
      [7, "z"],
    ]);
  });

  it("skips blank lines but still counts them", () => {
    const { rows } = parseCsv("a\n\n1\n\n\n2\n");
    expect(rows.map((r) => [r.line, r.cells.a])).toEqual([
      [3, "1"],
      [6, "2"],
    ]);
  });

  it("keeps a quoted empty value and empty fields", () => {
    const { rows } = parseCsv('a,b,c\n""\n,,\n');
    expect(rows).toEqual([
      { line: 2, cells: { a: "", b: "", c: "" }, width: 1 },
      { line: 3, cells: { a: "", b: "", c: "" }, width: 3 },
    ]);
  });

  it("reports each record's width so a short or long row can be refused", () => {
    expect(parseCsv("a,b\n1\n1,2,3\n").rows.map((r) => r.width)).toEqual([1, 3]);
  });

  it("refuses an unclosed quote, naming the line where it opened", () => {
    expect(() => parseCsv('a,b\n1,2\n3,"open\nstill open\n')).toThrow(
      new CsvError("a quoted field is not closed", 3),
    );
  });

  it("refuses text after a closing quote", () => {
    expect(() => parseCsv('a\n"x"y\n')).toThrow(CsvError);
  });

  it("refuses duplicate and empty column names", () => {
    expect(() => parseCsv("a,a\n1,2\n")).toThrow(/names a twice/);
    expect(() => parseCsv("a,,b\n1,2,3\n")).toThrow(/empty column name/);
  });

  it("gives no header and no rows for an empty file", () => {
    expect(parseCsv("")).toEqual({ header: [], rows: [] });
    expect(parseCsv("\uFEFF")).toEqual({ header: [], rows: [] });
  });
});

describe("toCsv", () => {
  it("quotes only fields that need it and ends every record with CRLF", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["plain", 'say "hi", then\ngo'],
          [" lead", ""],
        ],
      ),
    ).toBe('a,b\r\nplain,"say ""hi"", then\ngo"\r\n" lead",\r\n');
  });

  it("round-trips through parseCsv", () => {
    const header = ["name", "scope", "note"];
    const rows = [
      ["上海市嘉定区汽车行业协会", "一、行业自律；\r\n二、咨询", 'a "quoted" word'],
      ["", ",", '"'],
    ];
    const parsed = parseCsv(toCsv(header, rows));
    expect(parsed.header).toEqual(header);
    expect(parsed.rows.map((r) => header.map((h) => r.cells[h]))).toEqual(rows);
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 4]);
  });
});
