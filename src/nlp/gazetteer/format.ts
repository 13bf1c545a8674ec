/** The gazetteer file's container: the generic one of src/learn (columns.ts), under the names the gazetteer uses. */
export { blockStrings, decodeGazetteer, decodeRawGazetteer, encodeColumns, encodeGazetteer, type Column, type DecodedGazetteer, type StringBlock } from '../../learn/columns.js';
