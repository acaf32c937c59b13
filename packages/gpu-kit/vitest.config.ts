import base from "@ganvas/vitest-config";

export default base;
