import base from "@ganvas/eslint-config";

export default base;
