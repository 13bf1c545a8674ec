import assert from 'node:assert/strict';
import { test } from 'node:test';
import { intakeBuffer } from '../intake/index.js';
import { runPipeline } from '../pipeline/index.js';
import { gtdAttackType, gtdToll } from './gtd.js';

test('GTD toll: wounded without dead is 0 killed; dead without wounded is 0 wounded; neither stays unknown', () => {
  assert.deepEqual(gtdToll(null, 5), { killed: 0, wounded: 5 });
  assert.deepEqual(gtdToll(3, null), { killed: 3, wounded: 0 });
  assert.deepEqual(gtdToll(null, null), { killed: null, wounded: null });
  assert.deepEqual(gtdToll(0, null), { killed: 0, wounded: null });
});

const reportOf = (summary: string) => runPipeline(intakeBuffer(Buffer.from(summary), 'gtd.txt', 'text')).incidents[0]!;

test('GTD attack type: a bare attack takes its type from the weapon', () => {
  assert.equal(gtdAttackType(reportOf('03/05/2017: Assailants attacked soldiers in Maungdaw, Rakhine, Myanmar. Four soldiers were killed.')), 'Armed Assault');
  assert.equal(gtdAttackType(reportOf('03/05/2017: Assailants attacked a checkpoint with explosives in Mosul, Iraq. Two soldiers were killed.')), 'Bombing/Explosion');
});

test('GTD casualties: "no reported casualties" is 0 and 0; "in addition to the assailant" counts the attacker', () => {
  const none = reportOf('12/28/2012: Assailants set fire to a school in Maiha, Adamawa, Nigeria. There were no reported casualties.');
  assert.equal(none.killedTotal?.value.value ?? none.killedVictims?.value.value, 0);
  const bomber = reportOf('10/15/2016: A suicide bomber detonated at a gathering in Baghdad, Iraq. In addition to the assailant, at least 35 people were killed.');
  assert.equal(bomber.killedTotal?.value.value, 36);
  assert.equal(bomber.killedPerpetrators?.value.value, 1);
});
