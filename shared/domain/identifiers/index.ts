export {
  maskIdNumbersIn,
  maskResidentId,
  type ResidentIdProblem,
  type ResidentIdValidation,
  residentIdCheck,
  validateResidentId,
} from "./resident-id.js";
export {
  type CivilAffairsOrganizationType,
  categoryOfOrganizationType,
  issueUscc,
  isValidUscc,
  organizationCodeCheck,
  organizationTypeOfCategory,
  USCC_ALPHABET,
  type Uscc,
  type UsccProblem,
  type UsccValidation,
  usccCheck,
  validateUscc,
} from "./uscc.js";
