import { describe, expect, it } from "vitest";
import { nameSearchKey } from "./name-search.js";

describe("nameSearchKey", () => {
  it("drops the area names a name opens with", () => {
    expect(nameSearchKey("上海市嘉定区阳光社区服务中心")).toBe("阳光社区服务中心");
    expect(nameSearchKey("上海市嘉定区阳光")).toBe("阳光");
    expect(nameSearchKey("崇明区 生态保护协会")).toBe("生态保护协会");
  });

  it("keeps a name that opens with no area, and a name that is only an area", () => {
    expect(nameSearchKey("阳光社区服务中心")).toBe("阳光社区服务中心");
    expect(nameSearchKey("嘉定区")).toBe("嘉定区");
  });

  it("does not take a word that merely ends in 区 for a district", () => {
    expect(nameSearchKey("社区养老协会")).toBe("社区养老协会");
  });
});
